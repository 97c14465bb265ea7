import type { Recommendation } from "../contract/collections.ts";
import { tokenize } from "../contract/tokenize.ts";
import { evenTerms } from "../search/question-terms.ts";
import { factsOf } from "../search/search-engine.ts";
import { snippetsFor } from "../search/snippets.ts";
import type { PaperWithSentences } from "../store/paper-store.ts";

/** What a recommendation's snippets match: the collection paper it is nearest to. */
export interface NearestPaper {
  /** Its vector; absent in lexical-only mode (snippets then match its words only). */
  vector?: Float32Array;
  /** Its text, whose search terms break ties between sentences (or rank them, lexically). */
  text: string;
}

/**
 * A recommendation as the API returns it: the paper in the search result shape, its score
 * (rounded as search rounds them), the collection papers it is near, and the sentences of its
 * abstract that best match the nearest of them (verbatim, by the snippet scorer of search).
 *
 * @example
 * recommendationOf(found, 0.83, ["lightgcn-…"], { vector, text: "LightGCN: Simplifying …" });
 */
export function recommendationOf(
  found: PaperWithSentences,
  score: number,
  near: string[],
  nearest: NearestPaper,
): Recommendation {
  const { paper, sentences } = found;
  const terms = evenTerms(tokenize(nearest.text));
  return {
    id: paper.id,
    title: paper.title,
    score: Math.round(score * 1e4) / 1e4,
    ...factsOf(paper),
    snippets: snippetsFor(paper, sentences, { vector: nearest.vector, terms }),
    near,
  };
}
