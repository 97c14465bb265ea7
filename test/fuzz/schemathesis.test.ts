import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { fuzzSeed } from "../reliability/support/seeded-random.ts";
import { buildTinyIndex, TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import {
  readableReport,
  runSchemathesis,
  SCHEMATHESIS_BIN,
  schemathesisInstalled,
} from "./support/schemathesis-cli.ts";

/** Replay a failure with PAPERCHAT_FUZZ_SEED=<the seed in the test's name>. */
const SEED = fuzzSeed(process.env, 20261201);
/** Per operation and phase: about a minute on two cores. */
const MAX_EXAMPLES = 100;
const API_KEY = "schemathesis-fuzz-key";
const MISSING = `schemathesis is not installed at ${SCHEMATHESIS_BIN}: run \`bash scripts/install-schemathesis.sh\` (CI's .ci/run does).`;

const installed = schemathesisInstalled();
const inCi = process.env.CI === "true";
if (!installed && !inCi) console.warn(`Skipping the schemathesis fuzz test: ${MISSING}`);

describe.skipIf(!installed && !inCi)(`schemathesis against paperchat serve (seed ${SEED})`, () => {
  let server: PaperchatProcess | undefined;
  let url: string;

  beforeAll(async () => {
    if (!installed) return;
    const { indexDir } = await buildTinyIndex();
    server = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], {
      PAPERCHAT_MODEL: TINY_MODEL,
      PAPERCHAT_OFFLINE: "1",
      PAPERCHAT_INDEX_DIR: indexDir,
      PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
      PAPERCHAT_API_KEY: API_KEY,
    });
    const serving = await server.line(/serving .* at http:\/\/\S+/);
    url = /at (http:\/\/\S+)/.exec(serving)![1]!;
  });

  afterAll(async () => {
    server?.child.kill("SIGTERM");
    await server?.ended;
  });

  it("finds no 5xx, no answer that breaks /openapi.json, and no crash, with every check on", async () => {
    if (!installed) throw new Error(MISSING);
    const run = await runSchemathesis({
      url,
      apiKey: API_KEY,
      maxExamples: MAX_EXAMPLES,
      seed: SEED,
      requestTimeout: 30,
      cwd: tempDir("paperchat-schemathesis-"),
    });
    const report = `${run.command}\n${readableReport(run.output)}`;
    expect(run.output, report).toMatch(/Operations:\s+20 selected/);
    expect(run.code, report).toBe(0);
    expect(server!.child.exitCode, "the server died during the run").toBeNull();
    server!.child.kill("SIGTERM");
    const { stderr } = await server!.ended;
    // The app logs every 500, and every error inside a chat stream, as "… failed: <stack>".
    expect(stderr, "the server logged a failure").not.toMatch(/ failed: /);
  }, 600_000);
});
