import { cpSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/server/serve.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { INDEX_FILES, MANIFEST_FILE } from "../../src/store/embedded/manifest.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { IndexError } from "../../src/store/index-errors.ts";
import { recordingLogger } from "../server/support/tiny-server.ts";
import { buildTinyIndex, TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import { spawnPaperchat } from "./support/paperchat-process.ts";

/** What to tell a person whose index is damaged. */
const REBUILD = /paperchat index --force|npm run index -- --force/;

let pristine: string;

beforeAll(async () => {
  pristine = (await buildTinyIndex()).indexDir;
});

/** A copy of the good index, damaged by `damage(dir, generationDir)`. */
function damagedIndex(damage: (dir: string, generationDir: string) => void): string {
  const dir = tempDir("paperchat-damaged-");
  cpSync(pristine, dir, { recursive: true });
  const { generation } = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
  damage(dir, join(dir, generation));
  return dir;
}

function flipByte(path: string, at: (length: number) => number): void {
  const bytes = readFileSync(path);
  const i = at(bytes.length);
  bytes[i] = bytes[i]! ^ 0x5a;
  writeFileSync(path, bytes);
}

const DATA_FILE_DAMAGE: [string, (path: string) => void][] = [
  ["truncated to half", (path) => truncateSync(path, readFileSync(path).length >> 1)],
  ["emptied", (path) => truncateSync(path, 0)],
  ["with its last byte changed", (path) => flipByte(path, (length) => length - 1)],
  ["with its first byte changed", (path) => flipByte(path, () => 0)],
  ["deleted", (path) => rmSync(path)],
];

/** Starts the server on a damaged index; resolves to the error it refused to start with. */
async function startOn(indexDir: string) {
  const logger = recordingLogger();
  const settings = resolveSettings({}, { model: TINY_MODEL, offline: true, indexDir });
  const started = startServer({ settings, port: 0, host: "127.0.0.1", logger });
  const error = await started.then(
    async (server) => {
      await server.close();
      return undefined;
    },
    (reason: unknown) => reason,
  );
  return { error, logger };
}

describe("starting the server on a damaged index data file", () => {
  for (const name of Object.values(INDEX_FILES)) {
    it.each(DATA_FILE_DAMAGE)(
      `${name} %s: refuses to start, naming the file and the fix`,
      async (_, damage) => {
        const dir = damagedIndex((_dir, generationDir) => damage(join(generationDir, name)));
        const { error, logger } = await startOn(dir);
        expect(error).toBeInstanceOf(IndexError);
        expect((error as IndexError).code).toBe("corrupt");
        expect((error as Error).message).toContain(name);
        expect((error as Error).message).toMatch(REBUILD);
        expect(logger.lines.filter((line) => line.message.includes("serving"))).toEqual([]);
      },
    );
  }
});

/** Manifests that are damaged but still parse, or do not parse at all. */
const MANIFEST_DAMAGE: [string, (manifest: Record<string, unknown>, text: string) => string][] = [
  ["truncated", (_, text) => text.slice(0, text.length >> 1)],
  ["cut after its first byte", (_, text) => text.slice(0, 1)],
  ["emptied", () => ""],
  ["binary noise", () => "\u0000\u00ff\ufffd\u0001"],
  ["null", () => "null"],
  ["a number", () => "42"],
  ["a list", () => "[]"],
  ["an empty object", () => "{}"],
  ["without its generation", (m) => JSON.stringify({ ...m, generation: undefined })],
  ["naming a generation that is gone", (m) => JSON.stringify({ ...m, generation: "gen-gone" })],
  ["without file checksums", (m) => JSON.stringify({ ...m, files: undefined })],
  ["with dims as text", (m) => JSON.stringify({ ...m, dims: String(m.dims) })],
  ["with zero dims", (m) => JSON.stringify({ ...m, dims: 0 })],
  ["without HNSW parameters", (m) => JSON.stringify({ ...m, hnsw: null })],
];

describe("loading an index whose manifest is damaged", () => {
  it.each(MANIFEST_DAMAGE)(
    "%s: an IndexError naming the index and saying to rebuild",
    async (_, damage) => {
      const dir = damagedIndex((dir) => {
        const path = join(dir, MANIFEST_FILE);
        const text = readFileSync(path, "utf8");
        writeFileSync(path, damage(JSON.parse(text), text));
      });
      const error = await openEmbeddedStore(dir).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, String(error)).toBeInstanceOf(IndexError);
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toMatch(REBUILD);
    },
  );
});

describe("paperchat serve on a damaged index", () => {
  it("exits with status 1 and one clear line, no stack trace", async () => {
    const dir = damagedIndex((_dir, generationDir) =>
      flipByte(join(generationDir, INDEX_FILES.hnsw), (length) => length >> 1),
    );
    const end = await spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], {
      PAPERCHAT_MODEL: TINY_MODEL,
      PAPERCHAT_OFFLINE: "1",
      PAPERCHAT_INDEX_DIR: dir,
      PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
    }).ended;
    expect(end.code).toBe(1);
    expect(end.stderr).toContain(join(dir));
    expect(end.stderr).toContain(INDEX_FILES.hnsw);
    expect(end.stderr).toMatch(REBUILD);
    expect(end.stderr).not.toMatch(/^\s+at /m);
    expect(end.stdout).not.toContain("serving");
  });
});
