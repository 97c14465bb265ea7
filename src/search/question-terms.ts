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

/** Where a held question term falls: a name or not (bit 1), in the paper's title or not (bit 2). */
const NAME = 1;
const TITLE = 2;
const KINDS = 4;

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
  const kinds = new Uint8Array(hashes.length);
  for (let t = 0; t < hashes.length; t++) {
    kinds[t] = (names?.[t] ? NAME : 0) | (titleTerms.includes(hashes[t]!) ? TITLE : 0);
  }
  // Per sentence, the weight it holds of each kind of term; and which kinds the paper holds.
  const sums: number[] = [];
  let held = 0;
  for (let at = 0; at < packed.length; ) {
    const end = at + 1 + packed[at]!;
    let plain = 0;
    let name = 0;
    let title = 0;
    let nameInTitle = 0;
    // A question has a handful of terms: scanning them beats a map look-up per sentence term.
    for (let i = at + 1; i < end; i++) {
      for (let t = 0; t < hashes.length; t++) {
        if (hashes[t] !== packed[i]) continue;
        const kind = kinds[t]!;
        held |= 1 << kind;
        if (kind === 0) plain += weights[t]!;
        else if (kind === NAME) name += weights[t]!;
        else if (kind === TITLE) title += weights[t]!;
        else nameInTitle += weights[t]!;
      }
    }
    sums.push(plain, name, title, nameInTitle);
    at = end;
  }
  const holds = (kind: number) => (held & (1 << kind)) !== 0;
  const asksDetail = (holds(NAME) || holds(NAME | TITLE)) && (holds(0) || holds(TITLE));
  const beyondTitle = holds(0) || (holds(NAME) && !asksDetail);
  const counts = (kind: number) => !(asksDetail && kind & NAME) && !(beyondTitle && kind & TITLE);
  const share = [0, NAME, TITLE, NAME | TITLE].map((kind) => (counts(kind) ? 1 : 0));
  const sentenceWeights: number[] = [];
  for (let first = 0; first < sums.length; first += KINDS) {
    sentenceWeights.push(
      share[0]! * sums[first]! +
        share[NAME]! * sums[first + NAME]! +
        share[TITLE]! * sums[first + TITLE]! +
        share[NAME | TITLE]! * sums[first + (NAME | TITLE)]!,
    );
  }
  return { weights: sentenceWeights, asksDetail };
}
