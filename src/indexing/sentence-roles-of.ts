import { SENTENCE_ROLE } from "../store/sentence-roles.ts";

/** The ways a sentence says what the paper contributes. */
const CONTRIBUTION = [
  // "we propose / introduce / present …", "this paper … develops …", "our method … is called …":
  // a subject, then one of those verbs before the clause ends.
  /\b(we|this (paper|work|study|dissertation|review)|our (work|approach|method|model|framework|system))\b[^.;]*?\b(propos|introduc|present|develop|build|built|design|defin|devis|creat|call|name|dub)/i,
  // "In this work, we identify …", "Here, we …": whatever the verb.
  /^(in this (paper|work|study|dissertation|article)|here),? we\b/i,
  // The passive: "a novel network (CATNet) is proposed".
  /\b(is|are) (proposed|introduced|presented|developed)\b/i,
];

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
  const states = (text: string) => CONTRIBUTION.some((pattern) => pattern.test(text));
  const firstContribution = sentences.findIndex(states);
  return Uint8Array.from(
    sentences.map(
      (text, i) =>
        (i === 0 ? SENTENCE_ROLE.first : 0) |
        (states(text) ? SENTENCE_ROLE.contribution : 0) |
        (i < firstContribution ? SENTENCE_ROLE.context : 0) |
        (BOILERPLATE.test(text) ? SENTENCE_ROLE.boilerplate : 0),
    ),
  );
}
