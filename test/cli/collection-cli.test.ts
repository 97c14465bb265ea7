import { join } from "node:path";
import { parse } from "@retorquere/bibtex-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { sharedTinyIndex } from "../server/support/shared-tiny-index.ts";
import { TINY_MODEL, tempDir } from "../support/tiny-index.ts";

/** Runs `paperchat` in-process with captured output. */
async function run(argv: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => "",
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

let env: Record<string, string>;
const LIGHTGCN = "lightgcn-simplifying-and-powering-graph-9e6c4d";
const ULTRAGCN = "ultragcn-ultra-simplification-of-graph-d4f3cb";

beforeAll(async () => {
  const { indexDir } = await sharedTinyIndex();
  env = {
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: indexDir,
    // The shared index is read-only to tests: collections go to a file of this test's own.
    PAPERCHAT_COLLECTIONS: join(tempDir(), "collections.sqlite"),
  };
});

describe("paperchat collection", () => {
  it("creates, fills, shows, renames, empties and deletes a collection", async () => {
    expect(await run(["collection", "list"], env)).toMatchObject({
      code: 0,
      stdout: "No collections yet: paperchat collection create NAME\n",
    });
    expect((await run(["collection", "create", "Graph recs"], env)).code).toBe(0);
    const added = await run(["collection", "add", "Graph recs", LIGHTGCN, ULTRAGCN, LIGHTGCN], env);
    expect(added).toMatchObject({
      code: 0,
      stdout: 'Added 2 paper(s) to "Graph recs", which holds 2.\n',
    });
    expect((await run(["collection", "list"], env)).stdout).toBe("Graph recs (2 papers)\n");
    const shown = await run(["collection", "show", "Graph recs", "--json"], env);
    expect(JSON.parse(shown.stdout)).toEqual({
      name: "Graph recs",
      papers: [
        { id: LIGHTGCN, title: expect.stringMatching(/^LightGCN/) },
        { id: ULTRAGCN, title: expect.stringMatching(/^UltraGCN/) },
      ],
    });
    expect((await run(["collection", "show", "Graph recs"], env)).stdout).toContain(
      `id ${ULTRAGCN}`,
    );
    expect((await run(["collection", "rename", "Graph recs", "GCN"], env)).code).toBe(0);
    expect((await run(["collection", "remove", "GCN", LIGHTGCN], env)).code).toBe(0);
    const list = JSON.parse((await run(["collection", "list", "--json"], env)).stdout);
    expect(list).toEqual({ collections: [{ name: "GCN", papers: 1 }] });
    expect((await run(["collection", "delete", "GCN"], env)).code).toBe(0);
    expect(JSON.parse((await run(["collection", "list", "--json"], env)).stdout)).toEqual({
      collections: [],
    });
  });

  it("fails clearly: 2 for usage, 1 for what the collections or the index do not hold", async () => {
    await run(["collection", "create", "Errors"], env);
    const cases: [string[], number, RegExp][] = [
      [["collection"], 2, /needs an action/],
      [["collection", "frob"], 2, /Unknown collection action "frob"/],
      [["collection", "create"], 2, /create NAME takes 1 argument/],
      [["collection", "create", " padded"], 2, /must not start or end with whitespace/],
      [["collection", "rename", "Errors"], 2, /takes 2 argument/],
      [["collection", "add", "Errors"], 2, /at least one id/],
      [["collection", "create", "Errors"], 1, /already exists/],
      [["collection", "show", "errors"], 1, /No collection named "errors"/],
      [
        ["collection", "add", "Errors", LIGHTGCN, "no-such-paper"],
        1,
        /no paper with id "no-such-paper"; nothing was added/,
      ],
      [["collection", "remove", "Errors", LIGHTGCN], 1, /holds no paper with id/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await run(argv, env);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr, argv.join(" ")).toMatch(message);
    }
    expect(
      JSON.parse((await run(["collection", "show", "Errors", "--json"], env)).stdout).papers,
    ).toEqual([]);
  });

  it("explains itself in --help, naming where collections are kept", async () => {
    for (const command of ["collection", "export"]) {
      const help = await run([command, "--help"], env);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("PAPERCHAT_COLLECTIONS");
    }
    expect((await run(["--help"], env)).stdout).toMatch(/collection ACTION[\s\S]*export/);
  });
});

describe("paperchat export", () => {
  it("prints a collection or papers by id in each format", async () => {
    await run(["collection", "create", "Export"], env);
    await run(["collection", "add", "Export", LIGHTGCN, ULTRAGCN], env);
    const bibtex = await run(["export", "--collection", "Export"], env);
    expect(bibtex.code).toBe(0);
    const library = parse(bibtex.stdout);
    expect(library.errors).toEqual([]);
    expect(library.entries.map((entry) => entry.key)).toEqual(["lightgcn", "ultragcn"]);
    const ris = await run(["export", ULTRAGCN, "--format", "ris"], env);
    expect(ris.stdout).toMatch(/^TY {2}- GEN\r\nID {2}- ultragcn\r\n/);
    const csl = await run(["export", LIGHTGCN, ULTRAGCN, "--format", "csl-json"], env);
    expect(JSON.parse(csl.stdout).map((item: { id: string }) => item.id)).toEqual([
      "lightgcn",
      "ultragcn",
    ]);
  });

  it("fails clearly", async () => {
    const cases: [string[], number, RegExp][] = [
      [["export"], 2, /either --collection NAME or paper ids/],
      [["export", LIGHTGCN, "--collection", "Export"], 2, /either --collection NAME or paper ids/],
      [
        ["export", LIGHTGCN, "--format", "docx"],
        2,
        /--format must be one of bibtex, ris, csl-json/,
      ],
      [["export", "--collection", "Nope"], 1, /No collection named "Nope"/],
      [["export", "no-such-paper"], 1, /no paper with id "no-such-paper"/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await run(argv, env);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr, argv.join(" ")).toMatch(message);
    }
    // `index --format` still names a corpus format.
    expect((await run(["index", "--format", "bibtex"], env)).stderr).toMatch(
      /trending, jsonl, csv/,
    );
  });
});

describe("paperchat serve and the command line share the collections", () => {
  let server: PaperchatProcess;
  let url: string;

  beforeAll(async () => {
    await run(["collection", "create", "Shared"], env);
    server = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], {
      ...env,
      PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
    });
    url = /at (http:\/\/\S+)/.exec(await server.line(/serving .* at http:\/\/\S+/))![1]!;
  });

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.ended;
  });

  it("shows the server what the command line wrote, and the other way round", async () => {
    const listed = await (await fetch(`${url}/api/collections`)).json();
    expect(listed.collections).toContainEqual({ name: "Shared", papers: 0 });
    const added = await fetch(`${url}/api/collections/Shared/papers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: LIGHTGCN }),
    });
    expect(added.status).toBe(200);
    const shown = JSON.parse((await run(["collection", "show", "Shared", "--json"], env)).stdout);
    expect(shown.papers.map((paper: { id: string }) => paper.id)).toEqual([LIGHTGCN]);
  });
});
