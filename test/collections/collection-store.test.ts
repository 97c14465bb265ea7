import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { CollectionError } from "../../src/collections/collection-error.ts";
import { openCollectionStore } from "../../src/collections/collection-store.ts";
import { collectionsFile } from "../../src/collections/collections-file.ts";
import { tempDir } from "../support/tiny-index.ts";

const WRITER = resolve(import.meta.dirname, "support/collection-writer.ts");
/** Papers the writer adds per transaction. */
const BATCH = 50;
const paper = (id: string) => ({ id, title: `Title of ${id}` });
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CollectionError ? error.code : String(error);
  }
  return undefined;
};

describe("the collections file", () => {
  it("lives in the index folder, or where PAPERCHAT_COLLECTIONS says", () => {
    expect(collectionsFile({}, "/srv/index")).toBe("/srv/index/collections.sqlite");
    expect(collectionsFile({ PAPERCHAT_COLLECTIONS: "/data/lists.sqlite" }, "/srv/index")).toBe(
      "/data/lists.sqlite",
    );
  });

  it("keeps collections, their papers in the order added, across closing and opening", () => {
    const file = join(tempDir(), "nested", "collections.sqlite");
    const first = openCollectionStore(file);
    first.create("Reading");
    first.create("reading");
    expect(first.addPapers("Reading", [paper("b"), paper("math/0501001"), paper("b")])).toEqual({
      added: 2,
      papers: 2,
    });
    expect(first.addPapers("Reading", [paper("a"), paper("b")])).toEqual({ added: 1, papers: 3 });
    first.close();
    const again = openCollectionStore(file);
    expect(again.list()).toEqual([
      { name: "Reading", papers: 3 },
      { name: "reading", papers: 0 },
    ]);
    expect(again.get("Reading")!.papers.map((p) => p.id)).toEqual(["b", "math/0501001", "a"]);
    expect(again.get("READING")).toBeUndefined();
    again.close();
  });

  it("renames, removes and deletes, and says which collection or name is at fault", () => {
    const collections = openCollectionStore(":memory:");
    collections.create("A");
    collections.create("B");
    collections.addPapers("A", [paper("x"), paper("y")]);
    expect(codeOf(() => collections.create("A"))).toBe("collection-exists");
    expect(codeOf(() => collections.rename("A", "B"))).toBe("collection-exists");
    expect(codeOf(() => collections.rename("Nope", "C"))).toBe("collection-not-found");
    expect(codeOf(() => collections.rename("A", " C"))).toBe("invalid-collection-name");
    expect(collections.rename("A", "A")).toEqual({ name: "A", papers: 2 });
    expect(collections.rename("A", "C")).toEqual({ name: "C", papers: 2 });
    expect(collections.removePaper("C", "x")).toBe(true);
    expect(collections.removePaper("C", "x")).toBe(false);
    expect(codeOf(() => collections.removePaper("A", "y"))).toBe("collection-not-found");
    collections.delete("C");
    expect(codeOf(() => collections.delete("C"))).toBe("collection-not-found");
    expect(codeOf(() => collections.addPapers("C", [paper("z")]))).toBe("collection-not-found");
    expect(collections.list()).toEqual([{ name: "B", papers: 0 }]);
  });

  it("refuses invalid names and changes nothing", () => {
    const collections = openCollectionStore(":memory:");
    for (const name of [
      "",
      " ",
      " padded",
      "tab\there",
      "line\nbreak",
      ".",
      "..",
      "x".repeat(101),
    ]) {
      expect(
        codeOf(() => collections.create(name)),
        JSON.stringify(name),
      ).toBe("invalid-collection-name");
    }
    for (const name of ["Reading/2024", "..x", "Émile's list 😀", "x".repeat(100), "%2F"]) {
      expect(
        codeOf(() => collections.create(name)),
        name,
      ).toBeUndefined();
    }
    expect(collections.list()).toHaveLength(5);
  });

  it("adds all the papers or none when a collection would grow past its limit", () => {
    const collections = openCollectionStore(":memory:", { maxPapers: 3, maxCollections: 1 });
    collections.create("Small");
    collections.addPapers("Small", [paper("a"), paper("b")]);
    expect(codeOf(() => collections.addPapers("Small", [paper("c"), paper("d")]))).toBe(
      "collection-full",
    );
    expect(collections.get("Small")!.papers.map((p) => p.id)).toEqual(["a", "b"]);
    expect(codeOf(() => collections.create("Another"))).toBe("collection-full");
  });

  it("refuses a file that is not a collections database, saying what to do", () => {
    const file = join(tempDir(), "collections.sqlite");
    const db = new Database(file);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openCollectionStore(file)).toThrow(/later paperchat.*Move it aside/);
  });
});

describe("a crash while writing", () => {
  it("leaves every change done or not done, and the file readable", async () => {
    const file = join(tempDir(), "collections.sqlite");
    for (let attempt = 0; attempt < 3; attempt++) {
      const writer = spawn(process.execPath, ["--import", "tsx", WRITER, file, String(BATCH)], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let printed = "";
      await new Promise<void>((done) => {
        writer.stdout!.on("data", (chunk: Buffer) => {
          printed += chunk.toString();
          // Killed mid-stream, a few dozen commits in: most likely inside a transaction.
          if (printed.split("\n").length > 20 * (attempt + 1)) {
            writer.kill("SIGKILL");
            done();
          }
        });
      });
      await new Promise((done) => writer.once("close", done));
      const committed = Number(printed.trim().split("\n").at(-2));
      const collections = openCollectionStore(file, { maxPapers: 10_000_000 });
      const held = collections.get("Crash")!.papers.length;
      collections.close();
      expect(held % BATCH).toBe(0);
      expect(held).toBeGreaterThanOrEqual(committed);
      const db = new Database(file, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    }
    expect(existsSync(file)).toBe(true);
  });
});
