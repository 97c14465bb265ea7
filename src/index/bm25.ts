import { tokenize } from "./tokenize.ts";

/** A lexical index over documents: plain data, serialisable as JSON. */
export interface Bm25Index {
  docCount: number;
  avgLength: number;
  /** Token count of each document (title terms counted `titleWeight` times). */
  lengths: number[];
  /** term → flat [doc, tf, doc, tf, …] pairs, docs ascending. */
  postings: Record<string, number[]>;
  /** term → documents whose title contains it, ascending. */
  titleTerms: Record<string, number[]>;
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

function appendTo(lists: Record<string, number[]>, key: string, ...values: number[]): void {
  const list = lists[key];
  if (list) list.push(...values);
  else lists[key] = values;
}

/**
 * Builds the BM25 index for documents (done once, at index time).
 *
 * @example
 * const bm25 = buildBm25([{ title: "LightGCN", body: "Simplifying graph convolution…" }]);
 */
export function buildBm25(documents: readonly Bm25Document[]): Bm25Index {
  const postings: Record<string, number[]> = Object.create(null);
  const titleTerms: Record<string, number[]> = Object.create(null);
  const lengths: number[] = [];
  documents.forEach((doc, index) => {
    const counts = new Map<string, number>();
    const titleTokens = tokenize(doc.title);
    for (const term of titleTokens) counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
    for (const term of tokenize(doc.body)) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const term of new Set(titleTokens)) appendTo(titleTerms, term, index);
    let length = 0;
    for (const [term, tf] of counts) {
      appendTo(postings, term, index, tf);
      length += tf;
    }
    lengths.push(length);
  });
  const total = lengths.reduce((sum, n) => sum + n, 0);
  return {
    docCount: documents.length,
    avgLength: documents.length ? total / documents.length : 0,
    lengths,
    postings,
    titleTerms,
  };
}

/**
 * The list stored under a term, if any. The index is read back with JSON.parse, so its records
 * inherit from Object.prototype: a query for "constructor" must not find a function there.
 */
function ownList(lists: Record<string, number[]>, term: string): number[] | undefined {
  return Object.hasOwn(lists, term) ? lists[term] : undefined;
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
  for (const term of new Set(terms)) {
    const list = ownList(index.postings, term);
    if (!list) continue;
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
  for (const term of new Set(terms)) {
    const docs = ownList(index.titleTerms, term);
    const df = (ownList(index.postings, term)?.length ?? 0) / 2;
    if (!docs || docs.length > rareBelow) continue;
    const weight = idf(index.docCount, df);
    for (const doc of docs) scores.set(doc, (scores.get(doc) ?? 0) + weight);
  }
  return topOf(scores, limit);
}
