import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Figures, QuestionOutcome } from "./measures.ts";

/** One row of the eval's table: a way of searching, on one question set. */
export interface EvalRow {
  mode: string;
  set: string;
  figures: Figures;
  /** Per question, in the set's order. */
  outcomes: (QuestionOutcome & { q: string })[];
}

/** What a report says besides its rows. */
export interface EvalRun {
  measuredAt: string;
  commit: string;
  k: number;
  corpus: string;
  /** Modes that could not run, and why. */
  skipped: string[];
  rows: EvalRow[];
}

const fixed = (value: number) => value.toFixed(3);

/**
 * The eval's table in Markdown: one row per mode and question set.
 *
 * @example
 * console.log(evalTable(run.rows));
 */
export function evalTable(rows: readonly EvalRow[]): string {
  const lines = [
    "| mode | questions | n | paper R@1 | R@5 | MRR | first snippet answers (first@1) | answer among shown (shown@3) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { mode, set, figures: f } of rows) {
    lines.push(
      `| ${mode} | ${set} | ${f.questions} | ${fixed(f.r1)} | ${fixed(f.r5)} | ${fixed(f.mrr)} | ${fixed(f.first1)} | ${fixed(f.shown3)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Writes `eval-report.md` (the table, and how it was measured) and `eval-report.json` (the
 * table's figures and every question's outcome) into `dir`.
 *
 * @example
 * await writeEvalReport("bench", run);
 */
export async function writeEvalReport(dir: string, run: EvalRun): Promise<void> {
  const markdown = [
    "# paperchat search quality (`npm run eval`)",
    "",
    `Measured ${run.measuredAt} at ${run.commit}, in process, k = ${run.k}, on ${run.corpus}.`,
    "Questions: `dev` is test/fixtures/dev-snippets.jsonl; `own: tune` to `own: heldout6` are the splits of",
    "test/fixtures/own-questions.jsonl. **`own: heldout5` and `own: heldout6` are untuned**: written blind",
    "to the search and snippet code by other writers, they are measured, never tuned on (every other split",
    "has been seen: the snippet rule's fifth round studied heldout4, docs/search-quality.md). R@n: the",
    "answering paper ranks n or better;",
    "first@1: it is found and its first snippet is a marked sentence; shown@3: it is found and a marked",
    "sentence is among its (at most 3) snippets.",
    "",
    evalTable(run.rows),
    ...(run.skipped.length > 0 ? ["", ...run.skipped.map((line) => `Skipped: ${line}`)] : []),
    "",
  ].join("\n");
  await writeFile(join(dir, "eval-report.md"), markdown);
  await writeFile(join(dir, "eval-report.json"), `${JSON.stringify(run, null, 2)}\n`);
}
