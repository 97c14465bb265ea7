import type { StarterQuestion } from "../contract/starters.ts";
import { naturalQuestion } from "./natural-question.ts";
import type { SearchEngine } from "./search-engine.ts";

export interface StarterQuestionOptions {
  /** How many starting points to find. */
  count?: number;
  /** Papers tried at most, spread evenly over the corpus. */
  candidates?: number;
  /** A question is kept only when search ranks its paper this high or higher. */
  maxRank?: number;
}

const DEFAULTS = { count: 4, candidates: 24, maxRank: 3 };

/**
 * Starting points for an empty chat, taken from the served corpus: papers spread evenly over it
 * (deterministically: the same corpus always gives the same questions), each asked about in a
 * question made from its title (see {@link naturalQuestion}; a title that does not ask well is passed
 * over), kept only when search ranks that paper in the top `maxRank` for the question. Papers of
 * a category not yet covered come first, so that the questions span the corpus's topics. Costs at most `candidates` searches, whatever the corpus
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
    const question = paper && naturalQuestion(paper.title);
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
