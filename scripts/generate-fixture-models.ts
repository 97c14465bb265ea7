/**
 * Generates the deterministic BERT fixture models into `test/fixtures/models/` (git-ignored):
 *
 *   tsx scripts/generate-fixture-models.ts [--only tiny|minilm] [--out DIR] [--if-missing]
 *
 * `paperchat-tiny-bert` (< 1 MB, bag-of-words vectors) serves the tests; `paperchat-minilm-shape`
 * (all-MiniLM-L6-v2's shape, random weights, ~90 MB) serves benchmarks.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { FIXTURE_SPECS } from "./fixture-model/fixture-specs.ts";
import { generateFixtureModel } from "./fixture-model/generate-fixture-model.ts";

const USAGE =
  "Usage: tsx scripts/generate-fixture-models.ts [--only tiny|minilm] [--out DIR] [--if-missing]";
const repoRoot = resolve(import.meta.dirname, "..");

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      out: { type: "string", default: resolve(repoRoot, "test/fixtures/models") },
      "if-missing": { type: "boolean", default: false },
    },
  });
  const only = values.only;
  if (only !== undefined && !(only in FIXTURE_SPECS)) {
    throw new Error(
      `--only must be one of ${Object.keys(FIXTURE_SPECS).join(", ")}, not "${only}"`,
    );
  }
  const names = only
    ? [only as keyof typeof FIXTURE_SPECS]
    : (Object.keys(FIXTURE_SPECS) as Array<keyof typeof FIXTURE_SPECS>);
  return {
    specs: names.map((name) => FIXTURE_SPECS[name]),
    outDir: resolve(values.out),
    ifMissing: values["if-missing"],
  };
}

function main(argv: string[]): number {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const corpusText = readFileSync(resolve(repoRoot, "data/trending-papers.txt"), "utf8");
  for (const spec of cli.specs) {
    const started = performance.now();
    const result = generateFixtureModel({
      spec,
      outDir: cli.outDir,
      corpusText,
      ifMissing: cli.ifMissing,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const size = `${(result.bytes / 1e6).toFixed(2)} MB`;
    const where = relative(process.cwd(), result.folder) || ".";
    const what = result.status === "written" ? "wrote" : "up to date:";
    console.log(`fixtures: ${what} ${where} (${size}) in ${seconds} s`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
