import { createHash } from "node:crypto";
import { quantizeSentenceVectors } from "../../src/store/sentence-vectors.ts";
import { syntheticUnitVectors } from "../bench/synthetic-vectors.ts";
import { seedFor } from "../fixture-model/seeded-random.ts";
import type { PaperDocument } from "./paper-requests.ts";
import { vectorJson } from "./paper-requests.ts";

/** Options of `syntheticPapers`. */
export interface SyntheticPapersOptions {
  count: number;
  dims: number;
  seed: number;
}

/** Seeded papers as indexed, with the float32 vectors they carry (row i is paper i's). */
export interface SyntheticPapers {
  documents: PaperDocument[];
  vectors: Float32Array;
}

export const CATEGORIES = ["cs.LG", "cs.CL", "cs.CV", "math.CO", "math.PR", "stat.ML", "q-bio.NC"];
export const FIRST_YEAR = 1995;
const YEARS = 30;
const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "gra", "pho", "str"];
const VOCABULARY = 3000;

/** Word n of the vocabulary: n written in base 12 with syllables for digits, 2 to 4 of them. */
function word(n: number): string {
  let text = "";
  let rest = n + SYLLABLES.length;
  while (rest > 0) {
    text += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return text;
}

/** A seeded choice in 0..range-1 for paper i and a named draw. */
function draw(seed: number, i: number, name: string, range: number): number {
  return seedFor(seed + i, name) % range;
}

function sentence(seed: number, i: number, s: number): string {
  const length = 8 + draw(seed, i, `length${s}`, 12);
  const words = Array.from({ length }, (_, w) => word(draw(seed, i, `s${s}w${w}`, VOCABULARY)));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * Papers with seeded titles, abstracts (2 to 5 sentences of made-up words), categories, years,
 * low-rank paper vectors and int8 sentence vectors: the shape of a real corpus, no model needed.
 * Paper ids are `p0`, `p1`, ….
 *
 * @example
 * const { documents, vectors } = syntheticPapers({ count: 1000, dims: 384, seed: 1 });
 */
export function syntheticPapers(options: SyntheticPapersOptions): SyntheticPapers {
  const { count, dims, seed } = options;
  const vectors = syntheticUnitVectors({ count, dims, seed, distribution: "low-rank" });
  const sentenceCounts = Array.from({ length: count }, (_, i) => 2 + draw(seed, i, "sentences", 4));
  const sentenceTotal = sentenceCounts.reduce((sum, n) => sum + n, 0);
  const sentenceVectors = syntheticUnitVectors({
    count: sentenceTotal,
    dims,
    seed: seed + 1,
    distribution: "low-rank",
  });
  let sentenceRow = 0;
  const documents = sentenceCounts.map((sentences, i): PaperDocument => {
    const title = sentence(seed, i, -1).slice(0, -1);
    const offsets: number[] = [];
    let abstract = "";
    for (let s = 0; s < sentences; s++) {
      if (s > 0) abstract += " ";
      const text = sentence(seed, i, s);
      offsets.push(abstract.length, abstract.length + text.length);
      abstract += text;
    }
    const rows = Array.from({ length: sentences }, (_, s) =>
      sentenceVectors.subarray((sentenceRow + s) * dims, (sentenceRow + s + 1) * dims),
    );
    sentenceRow += sentences;
    const first = draw(seed, i, "category", CATEGORIES.length);
    const second = draw(seed, i, "category2", CATEGORIES.length * 2);
    return {
      id: `p${i}`,
      content_hash: createHash("sha256").update(`${title}\n${abstract}`).digest("hex"),
      title,
      abstract,
      categories: [...new Set([CATEGORIES[first]!, CATEGORIES[second] ?? CATEGORIES[first]!])],
      year: FIRST_YEAR + draw(seed, i, "year", YEARS),
      authors: [`${word(draw(seed, i, "author", VOCABULARY))} Example`],
      doi: `10.5555/synthetic.${i}`,
      url: `https://example.org/papers/p${i}`,
      sentence_offsets: offsets,
      sentence_vectors: Buffer.from(quantizeSentenceVectors(rows, dims)).toString("base64"),
      part: 0,
      vector: vectorJson(vectors.subarray(i * dims, (i + 1) * dims)),
    };
  });
  return { documents, vectors };
}
