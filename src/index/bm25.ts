import { tokenize } from "./tokenize.ts";

/** A lexical index over documents as stored on disk: plain data, serialisable as JSON. */
export interface Bm25Data {
  docCount: number;
  avgLength: number;
  /** Token count of each document (title terms counted `TITLE_WEIGHT` times). */
  lengths: number[];
  /** The vocabulary; a term's position here is its id. */
  terms: string[];
  /** By term id: flat [doc, tf, doc, tf, …] pairs, docs ascending. */
  postings: number[][];
  /** By term id: the documents whose title contains the term, ascending. */
  titleDocs: number[][];
}

/** A BM25 index in memory: its data plus the term → id lookup (built when loaded). */
export interface Bm25Index extends Bm25Data {
  termIds: ReadonlyMap<string, number>;
}

export interface Bm25Document {
  title: string;
  body: string;
}

/** Ranking constants of Okapi BM25. */
const K1 = 1.2;
const B = 0.75;
/** Title words count this many times: a word in the title says more than one in the abstract. */
const TITLE_WEIGHT = 2;

/**
 * Adds the term → id lookup to stored BM25 data (a Map, so no term can collide with an
 * Object.prototype member such as "constructor").
 *
 * @example
 * const bm25 = bm25FromData(JSON.parse(await readFile("bm25.json", "utf8")));
 */
export function bm25FromData(data: Bm25Data): Bm25Index {
  return { ...data, termIds: new Map(data.terms.map((term, id) => [term, id])) };
}

/** The part of an index that is written to disk. */
export function bm25Data({ termIds: _, ...data }: Bm25Index): Bm25Data {
  return data;
}

/**
 * Builds the BM25 index for documents (done once, at index time).
 *
 * @example
 * const bm25 = buildBm25([{ title: "LightGCN", body: "Simplifying graph convolution…" }]);
 */
export function buildBm25(documents: readonly Bm25Document[]): Bm25Index {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postings: number[][] = [];
  const titleDocs: number[][] = [];
  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.push(term) - 1;
      termIds.set(term, id);
      postings.push([]);
      titleDocs.push([]);
    }
    return id;
  };
  const lengths = documents.map((doc, index) => {
    const counts = new Map<number, number>();
    const titleIds = tokenize(doc.title).map(idOf);
    for (const id of titleIds) counts.set(id, (counts.get(id) ?? 0) + TITLE_WEIGHT);
    for (const id of tokenize(doc.body).map(idOf)) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of new Set(titleIds)) titleDocs[id]!.push(index);
    let length = 0;
    for (const [id, tf] of counts) {
      postings[id]!.push(index, tf);
      length += tf;
    }
    return length;
  });
  const total = lengths.reduce((sum, n) => sum + n, 0);
  return {
    docCount: documents.length,
    avgLength: documents.length ? total / documents.length : 0,
    lengths,
    terms,
    postings,
    titleDocs,
    termIds,
  };
}

/** The distinct ids of the terms the index knows, in first-seen order. */
export function termIdsOf(index: Bm25Index, terms: readonly string[]): number[] {
  const ids = new Set<number>();
  for (const term of terms) {
    const id = index.termIds.get(term);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

/** Inverse document frequency of a term that occurs in `df` of `n` documents (BM25+ form, ≥ 0). */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** A ranked list of documents: indices best first, with their scores. */
export interface Ranking {
  docs: number[];
  scores: number[];
}

function topOf(scores: Map<number, number>, limit: number): Ranking {
  const sorted = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
  return { docs: sorted.map(([doc]) => doc), scores: sorted.map(([, score]) => score) };
}

/**
 * Scores documents against query terms with BM25; returns the best `limit`, best first.
 *
 * @example
 * searchBm25(bm25, tokenize("graph convolution"), 50);
 */
export function searchBm25(index: Bm25Index, terms: readonly string[], limit: number): Ranking {
  const scores = new Map<number, number>();
  for (const id of termIdsOf(index, terms)) {
    const list = index.postings[id]!;
    const weight = idf(index.docCount, list.length / 2);
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i]!;
      const tf = list[i + 1]!;
      const norm = tf + K1 * (1 - B + (B * index.lengths[doc]!) / index.avgLength);
      scores.set(doc, (scores.get(doc) ?? 0) + (weight * tf * (K1 + 1)) / norm);
    }
  }
  return topOf(scores, limit);
}

/**
 * Ranks documents whose title contains a *rare* query term (an acronym, a method name),
 * by the summed IDF of those terms. Common words are ignored, so natural-language questions
 * rarely produce this list, while "TabPFN" or "LightGCN" put their paper on top.
 *
 * @example
 * rankTitleMatches(bm25, tokenize("what is LightGCN?"), 10);
 */
export function rankTitleMatches(
  index: Bm25Index,
  terms: readonly string[],
  limit: number,
): Ranking {
  const rareBelow = Math.max(3, Math.ceil(index.docCount * 0.01));
  const scores = new Map<number, number>();
  for (const id of termIdsOf(index, terms)) {
    const docs = index.titleDocs[id]!;
    if (docs.length === 0 || docs.length > rareBelow) continue;
    const weight = idf(index.docCount, index.postings[id]!.length / 2);
    for (const doc of docs) scores.set(doc, (scores.get(doc) ?? 0) + weight);
  }
  return topOf(scores, limit);
}
