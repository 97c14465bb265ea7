import type { SearchResult } from "../contract/search-response.ts";

/** What a language model is given: instructions and the question with its numbered sources. */
export interface GroundedPrompt {
  system: string;
  prompt: string;
}

const SYSTEM = [
  "You answer questions about research papers using only the numbered sources you are given.",
  "Every claim must cite the source it comes from as [n], using the numbers given; never cite a number that is not listed.",
  "If the sources do not answer the question, say so briefly instead of guessing.",
  "Be concise: a few sentences or a short list.",
].join(" ");

/**
 * The prompt for an answer grounded in retrieved snippets only: source n is `sources[n - 1]`,
 * shown with its title and its verbatim snippets. `earlier` are the user's previous questions
 * that a follow-up refers to.
 *
 * @example
 * const { system, prompt } = groundedPrompt("which of those is fastest?", results, ["object detectors"]);
 */
export function groundedPrompt(
  question: string,
  sources: readonly SearchResult[],
  earlier: readonly string[] = [],
): GroundedPrompt {
  const listed = sources.map((source, i) => {
    const snippets = source.snippets.map((snippet) => `  - ${snippet.text}`).join("\n");
    return `[${i + 1}] ${source.title}\n${snippets}`;
  });
  return {
    system: SYSTEM,
    prompt: [
      `Sources:\n\n${listed.join("\n\n")}`,
      ...earlier.map((text) => `Earlier question: ${text}`),
      `Question: ${question}`,
    ].join("\n\n"),
  };
}
