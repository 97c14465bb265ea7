import { open } from "node:fs/promises";
import { paperFromJsonLine } from "./parse-jsonl.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/**
 * Reads a JSON Lines file line by line, so that files larger than the biggest string Node can
 * hold still load. Same rules and errors as `parseJsonl`; file-system errors are passed on.
 *
 * @example
 * const papers = await readJsonlFile("data/arxiv.jsonl");
 */
export async function readJsonlFile(file: string): Promise<LocatedPaper[]> {
  const handle = await open(file);
  try {
    const papers: LocatedPaper[] = [];
    let line = 0;
    for await (const source of handle.readLines({ encoding: "utf8" })) {
      line++;
      const located = paperFromJsonLine(line === 1 ? stripBom(source) : source, file, line);
      if (located !== undefined) papers.push(located);
    }
    return papers;
  } finally {
    await handle.close();
  }
}
