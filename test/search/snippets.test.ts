import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { snippetsFor } from "../../src/search/snippets.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { PaperStore, PaperWithSentences } from "../../src/store/paper-store.ts";
import { sentenceOverlaps, termHash } from "../../src/store/sentence-terms.ts";
import { sentenceScores } from "../../src/store/sentence-vectors.ts";
import { buildTinyIndex } from "../support/tiny-index.ts";

const questions = readFileSync(new URL("../fixtures/dev-queries.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => (JSON.parse(line) as { q: string }).q)
  .slice(0, 6);

/**
 * The rule written out as a full sort: every sentence scored (cosine plus 0.05 × the share of
 * question terms it holds, rounded to 4 decimals), best first and the earlier sentence first on
 * a tie; the first three, each further one only at ≥ 75% of the best.
 */
function sortedSnippets(
  found: PaperWithSentences,
  vector: Float32Array | undefined,
  terms: Set<number>,
) {
  const { paper, sentences } = found;
  const overlaps = sentenceOverlaps(sentences.terms, terms);
  const cosines = vector ? sentenceScores(sentences.vectors!, vector) : undefined;
  const all = paper.sentences.map(([start, end], i) => {
    const share = terms.size ? overlaps[i]! / terms.size : 0;
    const score = (cosines ? cosines[i]! : 0) + (cosines ? 0.05 : 1) * share;
    return {
      text: paper.abstract.slice(start, end),
      start,
      end,
      score: Math.round(score * 1e4) / 1e4,
    };
  });
  all.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = all[0]?.score ?? 0;
  return all.slice(0, 3).filter((s, rank) => rank === 0 || (best > 0 && s.score >= 0.75 * best));
}

describe("snippetsFor", () => {
  let store: PaperStore;
  let embedder: Embedder;
  let pages: PaperWithSentences[];
  beforeAll(async () => {
    const built = await buildTinyIndex();
    embedder = built.embedder;
    store = await openEmbeddedStore(built.indexDir, { encoder: embedder });
    pages = await store.papersWithSentences(
      (await store.list(0, store.info.count)).map((_, row) => row),
    );
  });

  it("picks what a full sort by score picks, for every paper and question, with and without a vector", async () => {
    const vectors = await embedder.embed(questions);
    let several = 0;
    questions.forEach((question, q) => {
      const terms = new Set(tokenize(question).map(termHash));
      for (const vector of [vectors[q]!, undefined]) {
        for (const found of pages) {
          const picked = snippetsFor(found.paper, found.sentences, { vector, termHashes: terms });
          expect(picked).toEqual(sortedSnippets(found, vector, terms));
          if (picked.length > 1) several += 1;
        }
      }
    });
    // Both the cut at three and the 75% rule are exercised.
    expect(several).toBeGreaterThan(0);
  });
});
