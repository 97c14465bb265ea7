import type { Snippet } from "../contract/search-response.ts";
import type { SentenceData, StoredPaper } from "../store/paper-store.ts";
import { sentenceScores } from "../store/sentence-vectors.ts";
import { sentenceTermEvidence, type WeightedTerms } from "./question-terms.ts";
import { snippetScores } from "./snippet-scores.ts";

export interface SnippetQuery {
  /** Unit vector of the question; absent in lexical-only mode. */
  vector?: Float32Array;
  /** The question's terms with their weights (see {@link weightedTerms}). */
  terms: WeightedTerms;
  /** The question asks what is wrong with something (`asksAboutProblem` in question-asks.ts). */
  asksProblem?: boolean;
}

/** Most snippets shown per paper. */
const MAX_SNIPPETS = 3;
/** A further snippet is shown when it scores at most this much below the best one. */
const SHOWN_WITHIN = 0.75;

/** The best `most` indices by score, best first (earlier on a tie), within `within` of the best. */
function bestIndices(scores: Float64Array, most: number, within: number): number[] {
  const picked: number[] = [];
  for (let pick = 0; pick < most && pick < scores.length; pick++) {
    let best = -1;
    for (let i = 0; i < scores.length; i++) {
      if (!picked.includes(i) && (best < 0 || scores[i]! > scores[best]!)) best = i;
    }
    if (pick > 0 && scores[best]! < scores[picked[0]!]! - within) break;
    picked.push(best);
  }
  return picked;
}

/**
 * Picks the 1–3 abstract sentences of a paper that best answer a question, by {@link snippetScores}:
 * the cosine of their index-time vectors with the question and the weight of the question's
 * terms they hold (term hashes the store holds: no tokenizing here), those of the title left out,
 * with their index-time roles; a question that names the paper and asks more about it, or that
 * asks what is wrong, is answered by relevance alone.
 * The best is always shown, each further one only within `SHOWN_WITHIN` of it. Each snippet is
 * verbatim: `abstract.slice(start, end) === text`.
 *
 * @example
 * snippetsFor(paper, { terms, vectors, roles }, {
 *   vector,
 *   terms: weightedTerms(termStatistics, question),
 *   asksProblem: asksAboutProblem(question),
 * });
 */
export function snippetsFor(
  paper: StoredPaper,
  sentences: SentenceData,
  query: SnippetQuery,
): Snippet[] {
  const { vector } = query;
  const { weights, asksDetail } = sentenceTermEvidence(
    sentences.terms,
    query.terms,
    sentences.titleTerms,
  );
  const scores = snippetScores({
    cosines: vector && sentences.vectors ? sentenceScores(sentences.vectors, vector) : undefined,
    termWeights: weights,
    roles: sentences.roles,
    asksDetail,
    asksProblem: query.asksProblem,
  });
  return bestIndices(scores, MAX_SNIPPETS, SHOWN_WITHIN).map((i) => {
    const [start, end] = paper.sentences[i]!;
    const score = Math.round(scores[i]! * 1e4) / 1e4;
    return { text: paper.abstract.slice(start, end), start, end, score };
  });
}
