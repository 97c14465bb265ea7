/**
 * `npm run eval`: search quality on labelled questions, in process.
 *
 *   tsx scripts/eval/eval.ts [--out DIR] [--k N] [--set NAME …] [--mode KEY …] [--indexes DIR]
 *
 * Builds the bundled corpus's index once per way of searching (the real all-MiniLM-L6-v2 with
 * pooled and with separate sentence vectors, the tiny fixture model, and no model at all), runs
 * every question of the dev set and of each own split (or only of the sets named by `--set`,
 * e.g. `--set dev --set "own: tune"` while tuning) through the search engine, prints one
 * table (paper R@1, R@5, MRR; snippet first@1 and shown@3), and writes it with every question's
 * outcome to DIR/eval-report.md and .json (default bench/). `--mode` runs only the ways of
 * searching named by their keys (`real-pooled`, `real-separate`, `real-fp32`, `fixture-tiny`,
 * `lexical`), for a short run while tuning. Indexes live in .cache/eval/ (or `--indexes DIR`, e.g.
 * when .cache is shared with another checkout).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { MODEL_FILES, type ModelDtype } from "../../src/embed/model-source.ts";
import type { SentenceVectorMode } from "../../src/store/sentence-vectors.ts";
import { TINY_BERT } from "../fixture-model/fixture-specs.ts";
import { REAL_MODEL_FOLDER } from "../real-model/real-model-folder.ts";
import { openEvalEngine } from "./engine-adapter.ts";
import { type EvalRow, evalTable, writeEvalReport } from "./eval-report.ts";
import { figuresOf, outcomeOf } from "./measures.ts";
import { checkQuestionSets, loadQuestionSets } from "./question-sets.ts";

const repoRoot = resolve(import.meta.dirname, "../..");
const CORPUS = "data/trending-papers.txt";

/** A way of searching: which model (none: lexical-only) and how sentence vectors are made. */
interface EvalMode {
  name: string;
  /** A folder name under .cache/eval/. */
  key: string;
  model?: () => string | undefined;
  sentenceVectors?: SentenceVectorMode;
  /** The model's int8 encoder instead of float32. */
  dtype?: ModelDtype;
}

const realModel = () =>
  MODEL_FILES.every((file) => existsSync(join(REAL_MODEL_FOLDER, file)))
    ? REAL_MODEL_FOLDER
    : undefined;

/** The tiny fixture model, generated (offline, a second) when missing. */
const tinyModel = () => {
  const dir = join(repoRoot, "test/fixtures/models", TINY_BERT.name);
  if (!existsSync(join(dir, "onnx/model.onnx"))) {
    spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/generate-fixture-models.ts", "--only", "tiny", "--if-missing"],
      { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] },
    );
  }
  return dir;
};

const MODES: EvalMode[] = [
  { name: "real model, pooled (default; int8 encoder)", key: "real-pooled", model: realModel },
  {
    name: "real model, separate sentence vectors",
    key: "real-separate",
    model: realModel,
    sentenceVectors: "separate",
  },
  {
    name: "real model, float32 encoder (--dtype fp32)",
    key: "real-fp32",
    model: realModel,
    dtype: "fp32",
  },
  { name: `fixture ${TINY_BERT.name}`, key: "fixture-tiny", model: tinyModel },
  { name: "lexical-only (no model)", key: "lexical" },
];

const commitOf = () => {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  try {
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "src") ? " (src/ modified)" : ""}`;
  } catch {
    return "unknown";
  }
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "bench" },
      k: { type: "string", default: "10" },
      set: { type: "string", multiple: true },
      mode: { type: "string", multiple: true },
      indexes: { type: "string", default: join(repoRoot, ".cache/eval") },
    },
  });
  const k = Number(values.k);
  const corpusFile = join(repoRoot, CORPUS);
  const all = loadQuestionSets(repoRoot);
  await checkQuestionSets(all, corpusFile);
  const sets = values.set ? all.filter((set) => values.set!.includes(set.name)) : all;
  if (sets.length === 0) throw new Error(`No question set is named ${values.set!.join(", ")}`);
  const modes = values.mode ? MODES.filter((mode) => values.mode!.includes(mode.key)) : MODES;
  if (modes.length === 0) throw new Error(`No mode has the key ${values.mode!.join(", ")}`);
  const rows: EvalRow[] = [];
  const skipped: string[] = [];
  for (const mode of modes) {
    const model = mode.model?.();
    if (mode.model && !model) {
      skipped.push(`${mode.name}: the real model is missing (run \`npm run model:real\`).`);
      continue;
    }
    const indexDir = join(resolve(values.indexes), mode.key);
    await mkdir(indexDir, { recursive: true });
    process.stderr.write(`eval: ${mode.name}: building the index\n`);
    const engine = await openEvalEngine({
      corpusFile,
      indexDir,
      model,
      sentenceVectors: mode.sentenceVectors,
      ...(mode.dtype ? { dtype: mode.dtype } : {}),
      cacheDir: join(repoRoot, ".cache/models"),
    });
    try {
      for (const set of sets) {
        const outcomes = [];
        for (const question of set.questions) {
          const results = await engine.search(question.q, k);
          outcomes.push({ q: question.q, ...outcomeOf(question, results) });
        }
        rows.push({ mode: mode.name, set: set.name, figures: figuresOf(outcomes), outcomes });
      }
    } finally {
      await engine.close();
    }
  }
  const out = resolve(values.out);
  await mkdir(out, { recursive: true });
  await writeEvalReport(out, {
    measuredAt: new Date().toISOString(),
    commit: commitOf(),
    k,
    corpus: CORPUS,
    skipped,
    rows,
  });
  console.log(evalTable(rows));
  for (const line of skipped) console.log(`Skipped: ${line}`);
  console.log(`\nWritten: ${join(out, "eval-report.md")} and eval-report.json`);
}

await main();
