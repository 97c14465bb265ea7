import { tokenize, WORD_PATTERN } from "../contract/tokenize.ts";
import { idf } from "../store/idf.ts";
import type { TermStatistics } from "../store/paper-store.ts";
import { termHash } from "../store/sentence-terms.ts";

/** A question's terms as snippets weigh them: hashes (see {@link termHash}) and IDFs, in step. */
export interface WeightedTerms {
  hashes: Uint32Array;
  weights: Float64Array;
  /** 1 where the term is part of a name the question gives (see {@link weightedTerms}), in step. */
  names?: Uint8Array;
}

/** A word written as a name: a capital after its first letter ("LightGCN", "BD-KD", "SSD"). */
const NAME_SHAPE = /.\p{Lu}/u;

/**
 * The terms of the names a question gives: words written as a name whose term at most √N / 2
 * of the index's N papers hold (a method's name; an acronym as common as "CNN" or "GPU" is a
 * topic, once the index is large enough to tell).
 */
function nameTermsOf(question: string, { docCount, frequencies }: TermStatistics): Set<string> {
  const most = Math.sqrt(docCount) / 2;
  const rare = new Set(frequencies.filter(({ docs }) => docs <= most).map(({ term }) => term));
  const names = new Set<string>();
  for (const [word] of question.matchAll(WORD_PATTERN)) {
    if (!NAME_SHAPE.test(word)) continue;
    for (const term of tokenize(word)) if (rare.has(term)) names.add(term);
  }
  return names;
}

/**
 * The question's terms that the index holds, each weighed by its IDF in the whole index (from
 * the lexical step's statistics: nothing is counted here), and with the question's words, which
 * of them are part of a name it gives ("how much better than NGCF is LightGCN?": "ngcf",
 * "lightgcn").
 *
 * @example
 * const { termStatistics } = await store.lexical(terms, 50);
 * weightedTerms(termStatistics, question); // { hashes: [termHash("lightgcn"), …], weights: [3.9, …], names: [1, …] }
 */
export function weightedTerms(statistics: TermStatistics, question?: string): WeightedTerms {
  const { docCount, frequencies } = statistics;
  const names = question === undefined ? undefined : nameTermsOf(question, statistics);
  return {
    hashes: Uint32Array.from(frequencies, ({ term }) => termHash(term)),
    weights: Float64Array.from(frequencies, ({ docs }) => idf(docCount, docs)),
    ...(names
      ? { names: Uint8Array.from(frequencies, ({ term }) => (names.has(term) ? 1 : 0)) }
      : {}),
  };
}

/**
 * Terms weighed alike (when there are no index statistics to weigh them by, e.g. the words of a
 * paper that a recommendation's snippets should match).
 *
 * @example
 * evenTerms(tokenize("LightGCN simplifies graph convolution"));
 */
export function evenTerms(terms: readonly string[]): WeightedTerms {
  const hashes = Uint32Array.from(new Set(terms.map(termHash)));
  return { hashes, weights: new Float64Array(hashes.length).fill(1) };
}

/** What a paper's sentences hold of a question's terms. */
export interface SentenceTermEvidence {
  /**
   * Each sentence's summed weight of the question's terms it holds; names left out when
   * `asksDetail`, the title's terms when the paper holds another question term.
   */
  weights: number[];
  /**
   * The question names the paper (the paper holds a name it gives) and asks more about it (the
   * paper holds another of its terms): "how much better than NGCF is LightGCN?" of LightGCN.
   */
  asksDetail: boolean;
}

/** Question terms per word of a term mask: term t is bit t % 32 (`t & 31`) of word ⌊t / 32⌋ (`t >>> 5`). */
const WORD_BITS = 32;

/** A mask of a question's terms: the bits of those that pass `test`. */
function termMask(count: number, test: (t: number) => boolean): Uint32Array {
  const mask = new Uint32Array(Math.ceil(count / WORD_BITS));
  for (let t = 0; t < count; t++) if (test(t)) mask[t >>> 5]! |= 1 << (t & 31);
  return mask;
}

/** Whether a mask of held terms has one of `mask`'s terms (or, `outside`, one not in it). */
const holdsSome = (held: Uint32Array, mask: Uint32Array, outside = false) =>
  held.some((word, w) => (word & (outside ? ~mask[w]! : mask[w]!)) !== 0);

/**
 * For each sentence of a packed list (see {@link packSentenceTerms}), the summed weight of the
 * question's terms it holds: BM25 on distinct terms with no length normalisation, which ranked
 * snippets as well as term counts and lengths did. Terms that say which paper, not which of its
 * sentences, count only when the question holds nothing else the paper does:
 * - when the question asks about a paper it names, the name: only its other terms count;
 * - the terms of the paper's title (`titleTerms`, hashes), which every sentence naming the
 *   method repeats ("What is LightGCN?" keeps "lightgcn": there is nothing else to go by).
 *
 * @example
 * sentenceTermEvidence(packSentenceTerms([["graph"], ["graph", "node"]]), weightedTerms(statistics));
 * // { weights: [0.4, 2.9], asksDetail: false }
 */
export function sentenceTermEvidence(
  packed: Uint32Array,
  terms: WeightedTerms,
  titleTerms: Uint32Array = new Uint32Array(),
): SentenceTermEvidence {
  const { hashes, weights, names } = terms;
  const words = Math.ceil(hashes.length / WORD_BITS);
  let sentences = 0;
  for (let at = 0; at < packed.length; at += 1 + packed[at]!) sentences += 1;
  // Which question terms each sentence holds (a mask of `words` words each), and the paper.
  const holds = new Uint32Array(sentences * words);
  const paperHolds = new Uint32Array(words);
  for (let at = 0, first = 0; at < packed.length; first += words) {
    const end = at + 1 + packed[at]!;
    // A question has a handful of terms: scanning them beats a map look-up per sentence term.
    for (let i = at + 1; i < end; i++) {
      for (let t = 0; t < hashes.length; t++) {
        if (hashes[t] === packed[i]) holds[first + (t >>> 5)]! |= 1 << (t & 31);
      }
    }
    for (let w = 0; w < words; w++) paperHolds[w]! |= holds[first + w]!;
    at = end;
  }
  const named = termMask(hashes.length, (t) => names?.[t] === 1);
  const inTitle = termMask(hashes.length, (t) => titleTerms.includes(hashes[t]!));
  const asksDetail = holdsSome(paperHolds, named) && holdsSome(paperHolds, named, true);
  const counted = termMask(hashes.length, (t) => !(asksDetail && names?.[t] === 1));
  const countedHeld = paperHolds.map((word, w) => word & counted[w]!);
  // The title's terms count only when the paper holds no other counted question term.
  if (holdsSome(countedHeld, inTitle, true)) {
    for (let w = 0; w < words; w++) counted[w]! &= ~inTitle[w]!;
  }
  const sums: number[] = [];
  for (let sentence = 0; sentence < sentences; sentence++) {
    const first = sentence * words;
    let sum = 0;
    for (let w = 0; w < words; w++) {
      for (let bits = holds[first + w]! & counted[w]!, t = w * WORD_BITS; bits !== 0; t++) {
        if (bits & 1) sum += weights[t]!;
        bits >>>= 1;
      }
    }
    sums.push(sum);
  }
  return { weights: sums, asksDetail };
}
