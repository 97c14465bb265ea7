import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_HELP, GENERAL_HELP } from "../../src/cli/help.ts";
import { readCorpus } from "../../src/corpus/read-corpus.ts";
import { createApp } from "../../src/server/app.ts";
import { openTinyEngine, type TinyEngine } from "../server/support/tiny-server.ts";
import { BUNDLED_CORPUS } from "../support/tiny-index.ts";

/** What a paper id of the bundled corpus looks like: a title slug and 6 hex digits of its hash. */
const ID_SHAPE = /\b[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{6}\b/g;

let tiny: TinyEngine;
let bundledIds: Set<string>;
beforeAll(async () => {
  tiny = await openTinyEngine();
  bundledIds = new Set((await readCorpus(BUNDLED_CORPUS)).papers.map((paper) => paper.id));
});
afterAll(() => tiny?.engine.store.close());

describe("the paper ids that examples name", () => {
  it("in --help are papers of the bundled corpus, so that a copied example works", () => {
    const named = [GENERAL_HELP, ...Object.values(COMMAND_HELP)].join("\n").match(ID_SHAPE) ?? [];
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !bundledIds.has(id))).toEqual([]);
  });

  it("in /openapi.json are papers of the bundled corpus", async () => {
    const app = createApp({ engine: tiny.engine, embedder: tiny.embedder });
    const document = await (await app.request("/openapi.json")).text();
    const named = document.match(ID_SHAPE) ?? [];
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !bundledIds.has(id))).toEqual([]);
  });
});
