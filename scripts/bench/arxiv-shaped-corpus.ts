import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";
import { readCorpus } from "../../src/corpus/index.ts";
import { uniformSampler } from "../fixture-model/seeded-random.ts";
import { BUNDLED_CORPUS } from "./bundled-corpus.ts";
import type { BenchContext } from "./section.ts";

/** Subject categories drawn from, each paper gets 1–3 (the first is its primary one). */
const CATEGORIES = (
  "cs.LG cs.CV cs.CL cs.AI stat.ML cs.IR cs.RO cs.NE cs.CR cs.DS cs.SE cs.DC cs.HC cs.SI " +
  "math.OC math.ST math.PR math.NA math.CO math.AP math.AG hep-th hep-ph hep-ex astro-ph.GA " +
  "astro-ph.CO astro-ph.SR cond-mat.str-el cond-mat.mtrl-sci cond-mat.stat-mech quant-ph gr-qc " +
  "physics.optics physics.flu-dyn q-bio.NC q-bio.QM econ.EM eess.SP eess.IV nucl-th"
).split(" ");
/** Archives of old-style ids (`hep-th/9901001`). */
const OLD_ARCHIVES = ["hep-th", "hep-ph", "math", "cond-mat", "astro-ph", "quant-ph", "gr-qc"];
const FIRST_NAMES =
  "Ada Alan Grace Edsger Barbara John Donald Leslie Tim Yann Geoffrey Fei-Fei Andrew Daphne Judea Radia Shafi Silvio Manuela Cynthia".split(
    " ",
  );
const LAST_NAMES =
  "Lovelace Turing Hopper Dijkstra Liskov McCarthy Knuth Lamport Berners-Lee LeCun Hinton Li Ng Koller Pearl Perlman Goldwasser Micali Veloso Dwork".split(
    " ",
  );
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
/** Topics: each draws most of its words from its own slice of the vocabulary. */
const TOPICS = 500;

/** The words of the bundled abstracts, most frequent first: a realistic scientific vocabulary. */
async function vocabulary(bundledCorpus: string): Promise<string[]> {
  const { papers } = await readCorpus([bundledCorpus]);
  const counts = new Map<string, number>();
  for (const { abstract } of papers) {
    for (const word of abstract.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? []) {
      counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
}

/** arXiv wraps abstracts at about 80 columns and indents each line by two spaces. */
function hardWrapped(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > 78) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return `  ${lines.join("\n  ")}\n`;
}

/**
 * Writes an arXiv-shaped corpus as the arXiv snapshot has it, streamed, from the bundled words.
 *
 * @example
 * await writeArxivShapedCorpus({ papers: 10_000, file: "/tmp/arxiv.jsonl", bundledCorpus });
 */
export async function writeArxivShapedCorpus(options: {
  papers: number;
  /** Where the JSON Lines go. */
  file: string;
  /** The bundled corpus, whose words the abstracts are made of. */
  bundledCorpus: string;
  seed?: number;
}): Promise<void> {
  const words = await vocabulary(options.bundledCorpus);
  const common = words.slice(0, 150);
  const rare = words.slice(150);
  const next = uniformSampler(options.seed ?? 2024);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const topicWord = (topic: number) => {
    // Zipf-like within the topic's slice of the rarer words, plus the common words of all topics.
    if (next() < 0.45) return common[Math.floor(common.length * next() ** 2)]!;
    const slice = Math.floor(rare.length / 8);
    const start = Math.floor((topic * rare.length) / TOPICS);
    return rare[(start + Math.floor(slice * next() ** 3)) % rare.length]!;
  };
  const sentence = (topic: number) => {
    const text = Array.from({ length: between(16, 26) }, () => topicWord(topic)).join(" ");
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };

  const out = createWriteStream(options.file);
  let newIds = 0;
  let oldIds = 0;
  for (let i = 0; i < options.papers; i++) {
    const topic = Math.floor(next() * TOPICS);
    const year = between(1992, 2025);
    const month = between(1, 12);
    const old = next() < 0.1;
    const yymm = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}`;
    const id = old
      ? `${pick(OLD_ARCHIVES)}/${yymm}${String(++oldIds % 1000).padStart(3, "0")}${Math.floor(oldIds / 1000)}`
      : `${yymm}.${String(++newIds).padStart(6, "0")}`;
    const abstract = Array.from({ length: between(5, 10) }, () => sentence(topic)).join(" ");
    const titleWords = Array.from({ length: between(6, 12) }, () => topicWord(topic));
    const title = titleWords.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ");
    const authors = Array.from({ length: between(1, 5) }, () => [
      pick(LAST_NAMES),
      pick(FIRST_NAMES),
      "",
    ]);
    const categories = [...new Set(Array.from({ length: between(1, 3) }, () => pick(CATEGORIES)))];
    const created = `${pick(DAYS)}, ${between(1, 28)} ${MONTHS[month - 1]} ${year} 12:00:00 GMT`;
    const record = {
      id,
      submitter: `${authors[0]![1]} ${authors[0]![0]}`,
      authors: authors.map(([last, first]) => `${first} ${last}`).join(", "),
      title: title.length > 70 ? `${title.slice(0, 70)}\n  ${title.slice(70)}` : title,
      comments: `${between(5, 40)} pages, ${between(1, 12)} figures`,
      "journal-ref":
        next() < 0.3 ? `J. Synth. Res. ${between(1, 99)} (${year}) ${between(1, 999)}` : null,
      doi: next() < 0.4 ? `10.${between(1000, 9999)}/synthetic.${i}` : null,
      "report-no": null,
      categories: categories.join(" "),
      license: next() < 0.5 ? "http://arxiv.org/licenses/nonexclusive-distrib/1.0/" : null,
      abstract: hardWrapped(abstract),
      versions: [{ version: "v1", created }],
      update_date: `${year}-${String(month).padStart(2, "0")}-15`,
      authors_parsed: authors,
    };
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** Bump when the generated corpus changes, so an old cached copy is not reused. */
const CORPUS_VERSION = 1;

/**
 * An arXiv-shaped corpus of `papers` papers, written once into bench/out and shared.
 *
 * @example
 * const file = await generatedCorpus(context, 100_000);
 */
export async function generatedCorpus(context: BenchContext, papers: number): Promise<string> {
  const folder = join(context.repoRoot, "bench/out");
  const file = join(folder, `arxiv-shaped-v${CORPUS_VERSION}-${papers}.jsonl`);
  if (existsSync(file)) return file;
  context.log(`writing an arXiv-shaped corpus of ${papers} papers to ${file}`);
  mkdirSync(folder, { recursive: true });
  const bundledCorpus = join(context.repoRoot, BUNDLED_CORPUS);
  await writeArxivShapedCorpus({ papers, file: `${file}.tmp`, bundledCorpus });
  await rename(`${file}.tmp`, file);
  return file;
}

/**
 * Questions made of 5–9 consecutive words of a generated corpus's own abstracts, spread over it.
 *
 * @example
 * const questions = await questionsFrom(file, 300);
 */
export async function questionsFrom(file: string, count: number): Promise<string[]> {
  const handle = await open(file);
  const questions: string[] = [];
  let line = 0;
  for await (const text of handle.readLines()) {
    if (line++ % 7 !== 0) continue;
    const words = (JSON.parse(text) as { abstract: string }).abstract.trim().split(/\s+/);
    const length = 5 + (line % 5);
    const start = (line * 13) % Math.max(1, words.length - length);
    questions.push(
      words
        .slice(start, start + length)
        .join(" ")
        .replace(/[.,]/g, ""),
    );
    if (questions.length >= count) break;
  }
  await handle.close();
  return questions;
}
