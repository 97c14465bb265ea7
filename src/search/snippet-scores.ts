import { hasRole, SENTENCE_ROLE } from "../store/sentence-roles.ts";
import { minMax } from "./min-max.ts";

/** What a paper's sentences say about a question. */
export interface SentenceEvidence {
  /** Each sentence's cosine with the question; absent without a question vector or sentence vectors. */
  cosines?: ArrayLike<number>;
  /** Each sentence's summed IDF of the question terms it holds (see {@link sentenceTermEvidence}). */
  termWeights: ArrayLike<number>;
  /** Each sentence's role flags (see `SENTENCE_ROLE`); without them, relevance alone ranks. */
  roles?: Uint8Array;
  /**
   * The question names the paper and asks more about it (see {@link sentenceTermEvidence}): what
   * the paper contributes is what the question knows already, so stating it earns nothing.
   */
  asksDetail?: boolean;
  /**
   * The question asks what is wrong with something (`asksAboutProblem` in question-asks.ts): the
   * answer is the problem the context states, so neither the contribution nor the context has a
   * prior.
   */
  asksProblem?: boolean;
}

/**
 * How a sentence's score is made (chosen on the dev and tune questions, kept when retuned on all
 * four seen splits, docs/search-quality.md): its relevance in [0, 1], the cosine's share
 * `semantic` and the question terms' the rest, then what its role adds (`contribution` not for a
 * question that asks about a paper it names, neither `contribution` nor `context` for one that
 * asks what is wrong).
 */
export const SNIPPET_WEIGHTS = {
  semantic: 0.5,
  contribution: 0.5,
  context: -1,
  first: -0.2,
  boilerplate: -0.2,
} as const;

/**
 * A snippet scoring at most this sets the scene or says nothing of the question: every context
 * sentence scores here or below (its relevance is at most 1, its role takes 1 away), except for
 * a question that asks what is wrong: an abstract states the problem in its context, so there
 * the context is the answer.
 */
export const SCENE_SETTING_SCORE = 0;

/**
 * Scores a paper's sentences for a question: relevance, the mix of the cosine and the question
 * terms' weight, each min-max normalised within the paper (the terms alone without cosines),
 * plus `SNIPPET_WEIGHTS` for each role: a sentence stating the contribution comes before the
 * context that leads up to it (unless the question names the paper and asks a detail of it, or
 * asks what is wrong, which the context states: then relevance decides), the first sentence and
 * boilerplate lose a little.
 *
 * @example
 * snippetScores({ cosines: [0.2, 0.6], termWeights: [3.1, 0], roles: Uint8Array.of(5, 2) }); // [-0.7, 1]
 */
export function snippetScores(evidence: SentenceEvidence): Float64Array {
  const { cosines, roles, asksDetail, asksProblem } = evidence;
  const rewardsContribution = !asksDetail && !asksProblem;
  const lexical = minMax(evidence.termWeights, 0);
  const semantic = cosines ? minMax(cosines, 0) : undefined;
  const scores = new Float64Array(lexical.length);
  const w = SNIPPET_WEIGHTS;
  for (let i = 0; i < scores.length; i++) {
    let score = semantic ? w.semantic * semantic[i]! + (1 - w.semantic) * lexical[i]! : lexical[i]!;
    const role = roles?.[i] ?? 0;
    if (rewardsContribution && hasRole(role, SENTENCE_ROLE.contribution)) score += w.contribution;
    if (!asksProblem && hasRole(role, SENTENCE_ROLE.context)) score += w.context;
    if (hasRole(role, SENTENCE_ROLE.first)) score += w.first;
    if (hasRole(role, SENTENCE_ROLE.boilerplate)) score += w.boilerplate;
    scores[i] = score;
  }
  return scores;
}
