import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenize } from "../../../src/contract/tokenize.ts";
import { readCorpus } from "../../../src/corpus/read-corpus.ts";
import type { Paper } from "../../../src/corpus/types.ts";
import { buildIndex } from "../../../src/indexing/build-index.ts";
import type { PaperStore } from "../../../src/store/paper-store.ts";
import { writeArxivCorpus } from "../../support/arxiv-corpus.ts";
import { openSearchUrl } from "../../support/opensearch-url.ts";
import { loadTinyEmbedder, papersOf, tempDir } from "../../support/tiny-index.ts";
import { buildTinyStore, type TinyStore } from "../../support/tiny-store.ts";

const url = openSearchUrl("the store conformance suite (a corpus changed and rebuilt)");

/**
 * The arXiv corpus changed as a user's corpus changes between builds: papers removed from the
 * middle, an abstract rewritten, new papers at the end.
 */
function changedCorpus(file: string): string {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const edited = {
    ...records[10]!,
    abstract: `${records[10]!.abstract} We add a rewritten closing sentence about zebrafish.`,
  };
  const added = [0, 1].map((i) => ({
    ...records[20 + i]!,
    id: `2299.0000${i}`,
    title: `A new paper about zebrafish number ${i}`,
  }));
  const kept = [
    ...records.slice(0, 3),
    ...records.slice(6, 10),
    edited,
    ...records.slice(11),
    ...added,
  ];
  const out = join(tempDir("paperchat-changed-"), "arxiv-changed.jsonl");
  writeFileSync(out, `${kept.map((record) => JSON.stringify(record)).join("\n")}\n`);
  return out;
}

describe.runIf(url)("store conformance after a corpus change, rebuilt in place", () => {
  const built: TinyStore[] = [];
  let corpus: Paper[];
  let stores: PaperStore[];

  beforeAll(async () => {
    const { file } = await writeArxivCorpus(tempDir("paperchat-conformance-"));
    const embedder = await loadTinyEmbedder();
    built.push(await buildTinyStore({ kind: "embedded" }, [file], embedder));
    built.push(await buildTinyStore({ kind: "opensearch", url: url! }, [file], embedder));
    const changed = changedCorpus(file);
    corpus = (await readCorpus(changed)).papers;
    stores = [];
    for (const { location, store } of built) {
      await store.close();
      await buildIndex({ corpusFiles: [changed], store: location, embedder });
      stores.push(await location.open({ encoder: embedder }));
    }
  }, 300_000);

  afterAll(async () => {
    for (const { remove } of built) await remove();
  });

  it.each([
    [0, "embedded"],
    [1, "opensearch"],
  ])("store %i (%s) holds the changed corpus, in its order, page by page", async (which) => {
    const store = stores[which]!;
    expect(store.info.count).toBe(corpus.length);
    const listed: { id: string; title: string }[] = [];
    for (let offset = 0; offset < corpus.length; offset += 9)
      listed.push(...(await store.list(offset, 9)));
    expect(listed).toEqual(corpus.map(({ id, title }) => ({ id, title })));
    const papers = (await papersOf(store)).map(({ sentences: _, ...paper }) => paper);
    expect(papers).toEqual(corpus);
    const { bm25 } = await store.lexical(tokenize("zebrafish"), 10);
    expect((await store.papers(bm25.keys)).map((paper) => paper.id).sort()).toEqual(
      [
        corpus.find((paper) => paper.abstract.includes("zebrafish"))!.id,
        "2299.00000",
        "2299.00001",
      ].sort(),
    );
  });
});
