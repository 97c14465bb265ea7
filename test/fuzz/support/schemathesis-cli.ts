import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** Where `scripts/install-schemathesis.sh` puts the fuzzer (`PAPERCHAT_SCHEMATHESIS` overrides). */
export const SCHEMATHESIS_BIN =
  process.env.PAPERCHAT_SCHEMATHESIS ??
  resolve(import.meta.dirname, "../../../.cache/venv-fuzz/bin/schemathesis");

/** The checks' settings beside this folder (expected statuses, the chat rule JSON Schema cannot state). */
const CONFIG_FILE = resolve(import.meta.dirname, "../schemathesis.toml");

export interface SchemathesisRunOptions {
  /** The server's base URL; the document is read from `${url}/openapi.json`. */
  url: string;
  /** Sent as `Authorization: Bearer …` when the server requires it. */
  apiKey?: string;
  /** Test cases per operation and phase. */
  maxExamples: number;
  /** Hypothesis' seed: the same seed generates the same requests. */
  seed: number;
  /** Seconds each request may take. */
  requestTimeout: number;
  /** Working folder (schemathesis may write files there). */
  cwd: string;
}

/** How a run ended. */
export interface SchemathesisRun {
  code: number | null;
  /** The command line, to rerun it by hand. */
  command: string;
  output: string;
}

/**
 * Whether the fuzzer is installed.
 *
 * @example
 * if (!schemathesisInstalled()) console.warn("run bash scripts/install-schemathesis.sh");
 */
export function schemathesisInstalled(): boolean {
  return existsSync(SCHEMATHESIS_BIN);
}

/**
 * Runs every schemathesis check and phase (examples, coverage, fuzzing, stateful) against a
 * running server's OpenAPI document, bounded in examples per operation.
 *
 * @example
 * const run = await runSchemathesis({ url, maxExamples: 100, seed: 1, requestTimeout: 20, cwd });
 * expect(run.code).toBe(0);
 */
export function runSchemathesis(options: SchemathesisRunOptions): Promise<SchemathesisRun> {
  const args = [
    "--config-file",
    CONFIG_FILE,
    "run",
    `${options.url}/openapi.json`,
    // Every check is on by default; the config file turns one off for one operation, which
    // `--checks all` would override.
    "--phases",
    "examples,coverage,fuzzing,stateful",
    "--max-examples",
    String(options.maxExamples),
    "--seed",
    String(options.seed),
    "--request-timeout",
    String(options.requestTimeout),
    // One worker: with two, hypothesis' calls to Python 3.11's ast.parse from both threads made
    // runs fail now and then with "SystemError: AST constructor recursion depth mismatch".
    "--workers",
    "1",
    "--generation-database",
    "none",
    "--no-color",
    ...(options.apiKey ? ["--header", `Authorization: Bearer ${options.apiKey}`] : []),
  ];
  const child = spawn(SCHEMATHESIS_BIN, args, {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const command = [SCHEMATHESIS_BIN, ...args]
    .map((arg) => (/^[\w./:=,-]+$/.test(arg) ? arg : `'${arg}'`))
    .join(" ");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, command, output }));
  });
}

/**
 * A run's report, readable in a test failure: reproduction commands (whose URLs can be tens of
 * kilobytes) cut to their start, and at most `maxChars` in all.
 *
 * @example
 * expect(run.code, readableReport(run.output)).toBe(0);
 */
export function readableReport(output: string, maxChars = 20_000): string {
  const lines = output
    .split("\n")
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line));
  const text = lines.join("\n");
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n… (cut)` : text;
}
