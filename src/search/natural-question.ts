/**
 * Starting questions as a person would ask them, made from paper titles. The words a template
 * adds ("what", "is", "are", "there", "can", "do", "for") are stopwords, so that the search
 * ranks by the title's own words.
 */

/** Short words that Title Case leaves in lower case; the first of them ends a topic's head noun. */
const SMALL_WORDS = new Set(
  "a an and as at by for from in into of on or over the to under via vs with without through we is are be do does".split(
    " ",
  ),
);
/** A capitalised ordinary word ("Counting", "Object-Centric"), not an acronym or "LightGCN". */
const CAPITALISED_WORD = /^[A-Z][a-z]*(?:-[A-Z]?[a-z]+)*$/;
/** Words that make a title a sentence or a slogan ("… Improve …", "… is all you need"). */
const NOT_A_TOPIC =
  /\b(?:is|are|be|meets?|improves?|gets?|makes?|can|could|do|does|need|needs|learns?|matters?|beats?|as)\b/i;
/** A first word in a verb's -ing form ("Learning", "Training"), which asks badly as a topic. */
const GERUND = /^[A-Za-z]{3,}ing$/;
/** A name before a colon of at most this many words is asked about as a name. */
const MAX_NAME_WORDS = 2;
/** Longest topic asked about as "What is …?" (a topic phrase of "X for Y" may be longer). */
const MAX_TOPIC_WORDS = 8;
const MAX_PHRASE_WORDS = 10;
/** Longest title that is already a question and is asked as it is. */
const MAX_QUESTION_WORDS = 16;

const REVIEW = /^(?:a |an )?(?:brief |short |comprehensive )?(?:review|survey|overview) of (.+)$/i;
const BY_MEANS = /^(.+?) (?:via|through) (.+)$/i;
const PURPOSE = /^([^,]+?) for (.+)$/i;

/** Title Case: every word but the small ones capitalised. */
function isTitleCase(words: readonly string[]): boolean {
  const long = words.filter((word) => !SMALL_WORDS.has(word.toLowerCase()));
  return long.length > 1 && long.every((word) => /^[A-Z\d]/.test(word));
}

/** Lower-cases ordinary capitalised words: all of a Title Case phrase, else only the first. */
function asInSentence(phrase: string): string {
  const words = phrase.split(" ");
  const lowered = isTitleCase(words) ? words.length : 1;
  return words
    .map((word, i) => (i < lowered && CAPITALISED_WORD.test(word) ? word.toLowerCase() : word))
    .join(" ");
}

/** The noun a topic is about: its last word before the first small word ("collapse" in "Neural Collapse in …"). */
function headNoun(phrase: string): string {
  const words = phrase.split(" ");
  const end = words.findIndex((word, i) => i > 0 && SMALL_WORDS.has(word.toLowerCase()));
  return words[(end < 0 ? words.length : end) - 1]!;
}

/** "are" for a plural ("Networks", "PHNNs"), else "is". */
const verbFor = (noun: string) => (/[^siu]s$/.test(noun) ? "are" : "is");

/** A title that is a question (or ends in one after a colon), as a sentence. */
function askedAsItIs(plain: string, tail: string): string | undefined {
  const asked = (tail.endsWith("?") && tail.split(" ").length >= 3 ? tail : plain).slice(0, -1);
  if (asked.split(" ").length > MAX_QUESTION_WORDS) return undefined;
  const sentence = asInSentence(asked);
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}?`;
}

/**
 * A starting question from a paper's title, or undefined when the title has no shape that asks
 * well (the caller tries another paper):
 * - a title that is a question (or whose part after a colon is one) is asked as it is;
 * - a name of one or two words before a colon: "What is LightGCN?", "What are PHNNs?";
 * - a review or survey of X: "Is there a review of X?";
 * - "X via/through Y": "What can Y do for X?"; "X for Y": "What can X do for Y?";
 * - any other topic (the part before a colon) of at most 8 words: "What is/are X?";
 * never for a topic that reads as a sentence ("… Improve …") or starts with an -ing verb.
 *
 * @example
 * naturalQuestion("LightGCN: Simplifying and Powering Graph Convolution Network"); // "What is LightGCN?"
 * naturalQuestion("A Brief Review of Hypernetworks in Deep Learning"); // "Is there a review of hypernetworks in deep learning?"
 * naturalQuestion("Neural Collapse in Deep Linear Networks: From Balanced to Imbalanced Data");
 * // "What is neural collapse in deep linear networks?"
 */
export function naturalQuestion(title: string): string | undefined {
  const plain = title
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "");
  const colon = plain.indexOf(":");
  const head = colon > 0 ? plain.slice(0, colon).trim() : plain;
  const tail = colon > 0 ? plain.slice(colon + 1).trim() : "";
  if (plain.endsWith("?")) return askedAsItIs(plain, tail);
  const words = head.split(" ");
  if (colon > 0 && words.length <= MAX_NAME_WORDS && /[\p{L}\p{N}]/u.test(head)) {
    return `What ${verbFor(head)} ${head}?`;
  }
  if (
    words.length < 2 ||
    words.length > MAX_PHRASE_WORDS ||
    NOT_A_TOPIC.test(head) ||
    GERUND.test(words[0]!)
  ) {
    return undefined;
  }
  const review = REVIEW.exec(head);
  if (review) return `Is there a review of ${asInSentence(review[1]!)}?`;
  const byMeans = BY_MEANS.exec(head);
  if (byMeans) return `What can ${asInSentence(byMeans[2]!)} do for ${asInSentence(byMeans[1]!)}?`;
  const purpose = PURPOSE.exec(head);
  if (purpose && !/ (?:with|for|via) /i.test(purpose[1]!)) {
    return `What can ${asInSentence(purpose[1]!)} do for ${asInSentence(purpose[2]!)}?`;
  }
  return words.length <= MAX_TOPIC_WORDS
    ? `What ${verbFor(headNoun(head))} ${asInSentence(head)}?`
    : undefined;
}
