import { open } from "node:fs/promises";
import { paperFromJsonLine } from "./parse-jsonl.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/**
 * Reads a JSON Lines file line by line and yields its papers one at a time, so memory holds
 * one line whatever the file's size (files larger than the biggest string Node can hold
 * included). Same rules and errors as `parseJsonl`; file-system errors are passed on. The file
 * is closed when the loop ends, early or not.
 *
 * @example
 * for await (const { paper } of streamJsonlFile("arxiv-metadata-oai-snapshot.json")) store(paper);
 */
export async function* streamJsonlFile(file: string): AsyncGenerator<LocatedPaper> {
  const handle = await open(file);
  try {
    let line = 0;
    for await (const source of handle.readLines({ encoding: "utf8" })) {
      line++;
      const located = paperFromJsonLine(line === 1 ? stripBom(source) : source, file, line);
      if (located !== undefined) yield located;
    }
  } finally {
    await handle.close();
  }
}
