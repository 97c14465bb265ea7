import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { sentenceRolesOf } from "../../src/indexing/sentence-roles-of.ts";
import { asksAboutProblem } from "../../src/search/question-asks.ts";
import { weightedTerms } from "../../src/search/question-terms.ts";
import { snippetsFor } from "../../src/search/snippets.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { idf } from "../../src/store/idf.ts";
import type {
  PaperStore,
  PaperWithSentences,
  TermStatistics,
} from "../../src/store/paper-store.ts";
import { SENTENCE_ROLE } from "../../src/store/sentence-roles.ts";
import { sentenceScores } from "../../src/store/sentence-vectors.ts";
import { buildTinyIndex } from "../support/tiny-index.ts";

const questions = [
  ...readFileSync(new URL("../fixtures/dev-queries.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { q: string }).q)
    .slice(0, 6),
  // Questions that name a paper: asking more about it, and asking only what it is.
  "how much better than NGCF is LightGCN?",
  "on which datasets was BD-KD evaluated?",
  "What is LightGCN?",
  // A question about what is wrong: relevance alone, context and contribution alike.
  "why is message passing a problem for GCN recommenders at large scale?",
];

const scaled = (values: number[]) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return values.map((v) => (high > low ? (v - low) / (high - low) : 0));
};

/**
 * The rule written out from its description, as a full sort over the sentence texts: relevance
 * is half the cosine and half the summed IDF of the question terms in the sentence (each scaled
 * to [0, 1] within the paper; the IDF part alone without a vector), +0.5 for a sentence stating
 * the contribution, −1 for the context before it, −0.2 for the first sentence and for
 * boilerplate; best first (earlier on a tie), the first three within 0.75 of the best. When the
 * question names the paper (a word with a capital after its first letter, whose term at most
 * √N / 2 papers hold, is in the abstract) and asks more (another of its terms is there too), the
 * names do not count and the contribution earns nothing. The terms of the paper's title do not
 * count when the paper holds another counted question term. A question that asks what is wrong
 * gives neither the contribution its 0.5 nor the context its −1.
 */
function sortedSnippets(
  found: PaperWithSentences,
  vector: Float32Array | undefined,
  question: string,
  statistics: TermStatistics,
) {
  const { paper, sentences } = found;
  const texts = paper.sentences.map(([start, end]) => paper.abstract.slice(start, end));
  const weightOf = new Map(
    statistics.frequencies.map(({ term, docs }) => [term, idf(statistics.docCount, docs)]),
  );
  const asked = new Set(tokenize(question));
  const docsOf = new Map(statistics.frequencies.map(({ term, docs }) => [term, docs]));
  const names = new Set(
    question
      .split(/[^\p{L}\p{N}-]+/u)
      .filter((word) => /.\p{Lu}/u.test(word))
      .flatMap(tokenize)
      .filter((term) => (docsOf.get(term) ?? Infinity) <= Math.sqrt(statistics.docCount) / 2),
  );
  const held = new Set(texts.flatMap(tokenize).filter((term) => weightOf.has(term)));
  const asksDetail =
    [...held].some((term) => names.has(term)) && [...held].some((term) => !names.has(term));
  const title = new Set(tokenize(paper.title));
  const named = (term: string) => asked.has(term) && !(asksDetail && names.has(term));
  const beyondTitle = [...held].some((term) => named(term) && !title.has(term));
  const counted = (term: string) => named(term) && !(beyondTitle && title.has(term));
  const lexical = scaled(
    texts.map((text) =>
      [...new Set(tokenize(text))].reduce(
        (sum, term) => sum + (counted(term) ? (weightOf.get(term) ?? 0) : 0),
        0,
      ),
    ),
  );
  const cosines = vector && scaled(sentenceScores(sentences.vectors!, vector));
  const roles = sentenceRolesOf(texts);
  const has = (i: number, role: number) => (roles[i]! & role) !== 0;
  const asksProblem = /^why /.test(question);
  const all = texts.map((text, i) => {
    const relevance = cosines ? 0.5 * cosines[i]! + 0.5 * lexical[i]! : lexical[i]!;
    const score =
      relevance +
      (has(i, SENTENCE_ROLE.contribution) && !asksDetail && !asksProblem ? 0.5 : 0) -
      (has(i, SENTENCE_ROLE.context) && !asksProblem ? 1 : 0) -
      (i === 0 ? 0.2 : 0) -
      (has(i, SENTENCE_ROLE.boilerplate) ? 0.2 : 0);
    const [start, end] = paper.sentences[i]!;
    return { text, start, end, score };
  });
  all.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = all[0]?.score ?? 0;
  return all
    .slice(0, 3)
    .filter((s, rank) => rank === 0 || s.score >= best - 0.75)
    .map((s) => ({ ...s, score: Math.round(s.score * 1e4) / 1e4 }));
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

  it("picks what the rule written as a full sort picks, for every paper and question, with and without a vector", async () => {
    const vectors = await embedder.embed(questions);
    let several = 0;
    for (const [q, question] of questions.entries()) {
      const { termStatistics } = await store.lexical(tokenize(question), 1);
      const terms = weightedTerms(termStatistics, question);
      for (const vector of [vectors[q]!, undefined]) {
        for (const found of pages) {
          const asksProblem = asksAboutProblem(question);
          const picked = snippetsFor(found.paper, found.sentences, { vector, terms, asksProblem });
          expect(picked).toEqual(sortedSnippets(found, vector, question, termStatistics));
          if (picked.length > 1) several += 1;
        }
      }
    }
    // Both the cut at three and the 0.75 rule are exercised.
    expect(several).toBeGreaterThan(0);
    expect(several).toBeLessThan(2 * questions.length * pages.length);
  });

  it("answers a detail asked of a paper by name with the sentence that holds it, not the one that names the paper", async () => {
    const lightgcn = pages.find(({ paper }) => paper.title.startsWith("LightGCN"))!;
    for (const question of ["how much better than NGCF is LightGCN?", "What is LightGCN?"]) {
      const { termStatistics } = await store.lexical(tokenize(question), 1);
      const [best] = snippetsFor(lightgcn.paper, lightgcn.sentences, {
        terms: weightedTerms(termStatistics, question),
      });
      expect(best!.text, question).toMatch(
        question.startsWith("how")
          ? /exhibiting substantial improvements .* over Neural Graph Collaborative Filtering/
          : /^We propose a new model named LightGCN/,
      );
    }
  });

  it("shows a paper's sentence that states the contribution before the context that leads up to it", async () => {
    const lightgcn = pages.find(({ paper }) => paper.title.startsWith("LightGCN"))!;
    const question = "how do I make graph convolution simpler for recommendation?";
    const { termStatistics } = await store.lexical(tokenize(question), 1);
    const [vector] = await embedder.embed([question]);
    for (const v of [vector, undefined]) {
      const [best] = snippetsFor(lightgcn.paper, lightgcn.sentences, {
        vector: v,
        terms: weightedTerms(termStatistics),
      });
      expect(best!.text).toMatch(/^In this work, we aim to simplify the design of GCN/);
    }
  });
});
