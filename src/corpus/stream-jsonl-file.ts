import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { paperFromJsonLine } from "./parse-jsonl.ts";
import { stripBom } from "./strip-bom.ts";
import type { LocatedPaper } from "./types.ts";

/** Watches a file being read: every chunk of its bytes (to hash it), and progress. */
export interface ReadObserver {
  /** Each chunk of the file's bytes, in order, as it is read. */
  chunk?(bytes: Buffer): void;
  /** Bytes of the file consumed: called as each record's bytes are done with. */
  consumed?(bytes: number): void;
}

const NEWLINE = 0x0a;

/**
 * Reads a JSON Lines file line by line and yields its papers one at a time, so memory holds
 * one line whatever the file's size (files larger than the biggest string Node can hold
 * included). Same rules and errors as {@link parseJsonl}; file-system errors are passed on. Each chunk
 * of bytes goes to `observer.chunk` as it is read, so one read can also hash the file. The file is
 * closed when the loop ends, early or not.
 *
 * @example
 * for await (const { paper } of streamJsonlFile("arxiv-metadata-oai-snapshot.json")) store(paper);
 */
export async function* streamJsonlFile(
  file: string,
  observer: ReadObserver = {},
): AsyncGenerator<LocatedPaper> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder("utf8");
  let line = 0;
  let partial = "";
  const paperOf = (source: string) => {
    line++;
    const text = source.endsWith("\r") ? source.slice(0, -1) : source;
    return paperFromJsonLine(line === 1 ? stripBom(text) : text, file, line);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      observer.chunk?.(chunk);
      let from = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, from)) {
        const located = paperOf(partial + decoder.write(chunk.subarray(from, at)));
        partial = "";
        observer.consumed?.(at + 1 - from);
        from = at + 1;
        if (located !== undefined) yield located;
      }
      partial += decoder.write(chunk.subarray(from));
      observer.consumed?.(chunk.length - from);
    }
    partial += decoder.end();
    if (partial !== "") {
      const located = paperOf(partial);
      if (located !== undefined) yield located;
    }
  } finally {
    stream.destroy();
  }
}
