/** What the eval reads of a search result: the paper and its snippets' texts, best first. */
export interface RankedPaper {
  title: string;
  snippets: readonly { text: string }[];
}

/** How one question fared. */
export interface QuestionOutcome {
  /** 1-based rank of the answering paper among the results; undefined when it is not among them. */
  rank: number | undefined;
  /** The answering paper was found and its first snippet is a marked sentence. */
  first: boolean;
  /** The answering paper was found and a marked sentence is among its snippets. */
  shown: boolean;
}

/** A question set's figures: shares of its questions (MRR: mean reciprocal rank, 0 when missed). */
export interface Figures {
  questions: number;
  r1: number;
  r5: number;
  mrr: number;
  first1: number;
  shown3: number;
}

/**
 * How a question fared in a list of results.
 *
 * @example
 * outcomeOf({ title: "T", answers: ["A."] }, [{ title: "T", snippets: [{ text: "A." }] }]);
 * // { rank: 1, first: true, shown: true }
 */
export function outcomeOf(
  question: { title: string; answers: readonly string[] },
  results: readonly RankedPaper[],
): QuestionOutcome {
  const at = results.findIndex((result) => result.title === question.title);
  if (at < 0) return { rank: undefined, first: false, shown: false };
  const marked = new Set(question.answers);
  const { snippets } = results[at]!;
  return {
    rank: at + 1,
    first: snippets.length > 0 && marked.has(snippets[0]!.text),
    shown: snippets.some((snippet) => marked.has(snippet.text)),
  };
}

/**
 * The figures of a list of outcomes.
 *
 * @example
 * figuresOf([{ rank: 1, first: true, shown: true }, { rank: 2, first: false, shown: true }]).mrr; // 0.75
 */
export function figuresOf(outcomes: readonly QuestionOutcome[]): Figures {
  const n = outcomes.length;
  const share = (test: (o: QuestionOutcome) => boolean) =>
    n === 0 ? 0 : outcomes.filter(test).length / n;
  return {
    questions: n,
    r1: share((o) => o.rank === 1),
    r5: share((o) => o.rank !== undefined && o.rank <= 5),
    mrr: n === 0 ? 0 : outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / n,
    first1: share((o) => o.first),
    shown3: share((o) => o.shown),
  };
}
