import type { ProgressStream } from "./progress-bar.ts";

/** What a command reads and writes: the real process by default, captured streams in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** Lines of standard input (read only when a command needs them). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

/** The real process's streams and environment. */
export const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  async readStdin() {
    if (process.stdin.isTTY) return "";
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};
