import { writeFile } from "node:fs/promises";
import { splitSentences } from "../../src/corpus/split-sentences.ts";
import type { Paper } from "../../src/corpus/types.ts";

/**
 * `abstract` with `word` put in front of every sentence, so that each sentence differs from
 * the original (and is embedded again, not carried over) while keeping its length and its
 * sentence boundaries.
 *
 * @example
 * markSentences("We test. It works.", "Copy2"); // "Copy2 We test. Copy2 It works."
 */
export function markSentences(abstract: string, word: string): string {
  let marked = abstract;
  for (const sentence of splitSentences(abstract).reverse()) {
    marked = `${marked.slice(0, sentence.start)}${word} ${marked.slice(sentence.start)}`;
  }
  return marked;
}

/**
 * `copies` copies of a corpus as JSON Lines. Every copy after the first has a numbered title
 * (so that it is not skipped as a duplicate and gets its own id) and every sentence of its
 * abstract marked with the copy number (so that none of its text repeats an earlier copy's).
 *
 * @example
 * replicatedJsonl([{ id: "a", title: "T", abstract: "A." }], 2);
 * // '{"title":"T","abstract":"A."}\n{"title":"T (copy 2)","abstract":"Copy2 A."}\n'
 */
export function replicatedJsonl(papers: readonly Paper[], copies: number): string {
  const lines: string[] = [];
  for (let copy = 1; copy <= copies; copy++) {
    for (const { title, abstract } of papers) {
      lines.push(
        JSON.stringify(
          copy === 1
            ? { title, abstract }
            : {
                title: `${title} (copy ${copy})`,
                abstract: markSentences(abstract, `Copy${copy}`),
              },
        ),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `replicatedJsonl(papers, copies)` to `file`.
 *
 * @example
 * await writeReplicatedCorpus(papers, 4, "/tmp/corpus.jsonl");
 */
export async function writeReplicatedCorpus(
  papers: readonly Paper[],
  copies: number,
  file: string,
): Promise<void> {
  await writeFile(file, replicatedJsonl(papers, copies));
}
