import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprintCorpusFile } from "../../src/corpus/index.ts";

const dir = mkdtempSync(join(tmpdir(), "paperchat-fingerprint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fingerprintCorpusFile", () => {
  it("gives the absolute path, size, mtime and the SHA-256 of the bytes", async () => {
    const file = join(dir, "papers.jsonl");
    // Larger than several read chunks (64 KiB each), so the hash is fed piece by piece.
    const text = `${'{"title": "Théorie", "abstract": "Ünïcode."}\n'.repeat(5000)}`;
    writeFileSync(file, text);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const fingerprint = await fingerprintCorpusFile(relative(process.cwd(), file));
    expect(fingerprint).toEqual({
      path: file,
      bytes: Buffer.byteLength(text),
      mtimeMs: 1_700_000_000_000,
      sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
    });
    expect(fingerprint.bytes).toBeGreaterThan(3 * 65536);
  });

  it("changes its hash when one byte changes, even with the same size and mtime", async () => {
    const file = join(dir, "one-byte.jsonl");
    writeFileSync(file, '{"title": "A", "abstract": "B."}\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const before = await fingerprintCorpusFile(file);
    writeFileSync(file, '{"title": "A", "abstract": "C."}\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const after = await fingerprintCorpusFile(file);
    expect([after.bytes, after.mtimeMs]).toEqual([before.bytes, before.mtimeMs]);
    expect(after.sha256).not.toBe(before.sha256);
  });

  it("passes on a missing file's error", async () => {
    await expect(fingerprintCorpusFile(join(dir, "nope.jsonl"))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });
});
