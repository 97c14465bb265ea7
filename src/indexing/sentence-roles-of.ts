import { SENTENCE_ROLE } from "../store/sentence-roles.ts";

/**
 * A sentence that says what the paper contributes: "we propose / introduce / present …", "this
 * paper / work … develops …", "our method … is called …" (a subject, then one of those verbs
 * before the clause ends).
 */
const CONTRIBUTION =
  /\b(we|this (paper|work|study|dissertation|review)|our (work|approach|method|model|framework|system))\b[^.;]*?\b(propos|introduc|present|develop|build|built|design|defin|devis|creat|call|name|dub)/i;

/** A link, or a line saying that code is (or will be) available. */
const BOILERPLATE =
  /https?:\/\/|\bcodes? (is|are|will be)\b[^.]*\b(available|released)|\bavailable at\b/i;

/**
 * The roles of an abstract's sentences (see `SENTENCE_ROLE`), one byte each: the first
 * sentence; those that state the contribution; the context before the first of them (none
 * when no sentence states one); boilerplate.
 *
 * @example
 * sentenceRolesOf(["GCNs are popular.", "We propose LightGCN.", "Code: https://x.org"]);
 * // Uint8Array [first | context, contribution, boilerplate]
 */
export function sentenceRolesOf(sentences: readonly string[]): Uint8Array {
  const firstContribution = sentences.findIndex((text) => CONTRIBUTION.test(text));
  return Uint8Array.from(
    sentences.map(
      (text, i) =>
        (i === 0 ? SENTENCE_ROLE.first : 0) |
        (CONTRIBUTION.test(text) ? SENTENCE_ROLE.contribution : 0) |
        (i < firstContribution ? SENTENCE_ROLE.context : 0) |
        (BOILERPLATE.test(text) ? SENTENCE_ROLE.boilerplate : 0),
    ),
  );
}
