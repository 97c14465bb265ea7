import type { StarterQuestion } from "../contract/starters.ts";
import type { SearchEngine } from "./search-engine.ts";

export interface StarterQuestionOptions {
  /** How many starting points to find. */
  count?: number;
  /** Papers tried at most, spread evenly over the corpus. */
  candidates?: number;
  /** A question is kept only when search ranks its paper this high or higher. */
  maxRank?: number;
}

/** Titles longer than this many words make clumsy questions. */
const MAX_TITLE_WORDS = 12;
/** A name before a colon ("LightGCN: …") of at most this many words is asked about directly. */
const MAX_NAME_WORDS = 2;
const DEFAULTS = { count: 4, candidates: 24, maxRank: 3 };

/** A capitalised ordinary word ("Counting", "A", "Object-Centric"), not an acronym or "LightGCN". */
const CAPITALISED_WORD = /^[A-Z][a-z]*(?:-[A-Z]?[a-z]+)*$/;
/** Words this long or longer tell whether a title is written in Title Case. */
const LONG_WORD = 4;

/** A title in Title Case ("Neural Collapse in Deep Linear Networks"), which reads oddly mid-question. */
function isTitleCase(words: readonly string[]): boolean {
  const long = words.filter((word) => word.length >= LONG_WORD);
  return long.length > 1 && long.every((word) => /^[A-Z\d]/.test(word));
}

/**
 * A natural question about a paper, from its title: "What is LightGCN?" for a title that names
 * its method before a colon, else "What is known about <title, before any colon>?" with
 * capitalised ordinary words in lower case (all of them for a Title Case title, else the first);
 * undefined for a title too long to ask about.
 *
 * @example
 * questionFromTitle("LightGCN: Simplifying and Powering Graph Convolution Network"); // "What is LightGCN?"
 * questionFromTitle("Neural Collapse in Deep Linear Networks: From Balanced to Imbalanced Data");
 * // "What is known about neural collapse in deep linear networks?"
 */
export function questionFromTitle(title: string): string | undefined {
  const plain = title
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.?!]+$/, "");
  const colon = plain.indexOf(":");
  const topic = colon > 0 ? plain.slice(0, colon).trim() : plain;
  const words = topic.split(" ");
  if (colon > 0 && words.length <= MAX_NAME_WORDS && /[\p{L}\p{N}]/u.test(topic)) {
    return `What is ${topic}?`;
  }
  if (words.length < 2 || words.length > MAX_TITLE_WORDS) return undefined;
  const lowered = isTitleCase(words) ? words.length : 1;
  const phrase = words.map((word, i) =>
    i < lowered && CAPITALISED_WORD.test(word) ? word.toLowerCase() : word,
  );
  return `What is known about ${phrase.join(" ")}?`;
}

/**
 * Starting points for an empty chat, taken from the served corpus: papers spread evenly over it
 * (deterministically: the same corpus always gives the same questions), each asked about by
 * its title (see `questionFromTitle`), kept only when search ranks that paper in the top
 * `maxRank` for the question. Papers of a category not yet covered come first, so that the
 * questions span the corpus's topics. Costs at most `candidates` searches, whatever the corpus
 * size: compute it once and keep it.
 *
 * @example
 * const starters = await findStarterQuestions(engine); // [{ question: "What is LightGCN?", paperId, title }, …]
 */
export async function findStarterQuestions(
  engine: Pick<SearchEngine, "store" | "searchPapers">,
  options: StarterQuestionOptions = {},
): Promise<StarterQuestion[]> {
  const { count, candidates, maxRank } = { ...DEFAULTS, ...options };
  const { store } = engine;
  const { count: total } = store.info;
  const tried = Math.min(candidates, total);
  const found: StarterQuestion[] = [];
  const spare: StarterQuestion[] = [];
  const topics = new Set<string>();
  for (let i = 0; i < tried && found.length < count; i++) {
    const [ref] = await store.list(Math.floor(((i + 0.5) * total) / tried), 1);
    const paper = ref && (await store.papersById([ref.id]))[0]?.paper;
    const question = paper && questionFromTitle(paper.title);
    if (!paper || !question) continue;
    const results = await engine.searchPapers(question, maxRank);
    if (!results.some((result) => result.id === paper.id)) continue;
    const starter = { question, paperId: paper.id, title: paper.title };
    const topic = paper.categories?.[0];
    if (topic !== undefined && topics.has(topic)) {
      spare.push(starter);
      continue;
    }
    if (topic !== undefined) topics.add(topic);
    found.push(starter);
  }
  return [...found, ...spare].slice(0, count);
}
