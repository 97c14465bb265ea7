import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCorpus } from "../../../../src/corpus/read-corpus.ts";
import { splitSentences } from "../../../../src/corpus/split-sentences.ts";
import { seededRandom } from "../../../reliability/support/seeded-random.ts";
import { BUNDLED_CORPUS } from "../../../support/tiny-index.ts";

/** Categories the papers are spread over, one to three each. */
const CATEGORIES = [
  "cs.LG",
  "cs.IR",
  "cs.CV",
  "cs.CL",
  "stat.ML",
  "math.OC",
  "q-bio.NC",
  "eess.SP",
];

/**
 * Writes `count` papers (`recombined.jsonl` in `dir`) made of the bundled corpus's real sentences,
 * three to six drawn at random for each abstract, under the bundled titles with a number: a corpus
 * large enough that the stores' HNSW graphs are walked, not trivially exact, with real text for
 * BM25, and years (1995–2024, some missing) and categories to filter by. Seeded: the same every run.
 *
 * @example
 * const file = await writeRecombinedCorpus(tempDir(), 2000);
 */
export async function writeRecombinedCorpus(
  dir: string,
  count: number,
  seed = 20261202,
): Promise<string> {
  const bundled = (await readCorpus(BUNDLED_CORPUS)).papers;
  const sentences = bundled.flatMap((paper) => splitSentences(paper.abstract).map((s) => s.text));
  const random = seededRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = bundled[i % bundled.length]!;
    const abstract = Array.from({ length: random.int(3, 6) }, () => random.pick(sentences)).join(
      " ",
    );
    const categories = [
      ...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(CATEGORIES))),
    ];
    lines.push(
      JSON.stringify({
        id: `rc.${String(i).padStart(5, "0")}`,
        title: `${base.title}, variant ${i}`,
        abstract,
        ...(random.chance(0.95) ? { year: random.int(1995, 2024) } : {}),
        categories,
        authors: [`Author ${random.int(1, 300)}`, `Author ${random.int(1, 300)}`],
      }),
    );
  }
  const file = join(dir, "recombined.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}
