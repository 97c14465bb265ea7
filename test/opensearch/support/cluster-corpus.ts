import { writeFileSync } from "node:fs";
import { readCorpus } from "../../../src/corpus/index.ts";
import { BUNDLED_CORPUS } from "../../support/tiny-index.ts";

/**
 * The bundled corpus `copies` times as JSON Lines, each copy's papers with their own id and
 * title (so none is a duplicate) and metadata to compare (year, categories, authors).
 *
 * @example
 * const papers = await writeCopiedCorpus(join(tempDir(), "corpus.jsonl"), 16); // 1120
 */
export async function writeCopiedCorpus(file: string, copies: number): Promise<number> {
  const { papers } = await readCorpus([BUNDLED_CORPUS]);
  const lines = Array.from({ length: copies }, (_, copy) =>
    papers.map(({ title, abstract }, i) =>
      JSON.stringify({
        id: `copy${copy + 1}-${i}`,
        title: `${title} (${copy + 1})`,
        abstract,
        year: 2000 + ((copy + i) % 25),
        categories: [`cs.${"LGCVAICL"[(copy + i) % 8]}`],
        authors: [`Author ${i}`, `Author ${copy}`],
      }),
    ),
  ).flat();
  writeFileSync(file, `${lines.join("\n")}\n`);
  return lines.length;
}
