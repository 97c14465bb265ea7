import { loadModelFor } from "../../app/load-model-for.ts";
import { storeLocationFor } from "../../app/store-location-for.ts";
import { buildIndex } from "../../indexing/build-index.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { createProgressBar, formatDuration } from "../progress-bar.ts";
import { UsageError } from "../usage-error.ts";

/** Duplicates listed one by one at most; past that, a count. */
const LISTED_DUPLICATES = 20;

/** `paperchat index`: (re)builds the index with progress on stderr; `--json` prints a summary. */
export async function indexCommand(line: CommandLine, io: CliIo): Promise<number> {
  const settings = resolveSettings(io.env, line.overrides);
  const store = storeLocationFor(settings);
  if ((line.part || line.publish) && !store.publish) {
    throw new UsageError(
      `--${line.part ? "part" : "publish"} is for an index in a cluster, written by several workers: give the cluster with --store URL (or PAPERCHAT_STORE).`,
    );
  }
  if (line.publish) {
    const facts = await store.publish!();
    io.stdout.write(
      line.json
        ? `${JSON.stringify({ published: true, papers: facts.counts.papers, model: facts.model }, null, 2)}\n`
        : `Published ${facts.counts.papers} papers on ${store.description}.\n`,
    );
    return 0;
  }
  const embedder = await loadModelFor(settings, store);
  const result = await buildIndex({
    corpusFiles: settings.corpusFiles,
    format: line.format,
    store,
    embedder,
    // A worker of a build in parts always writes its part; the last one's --publish decides.
    force: line.force || line.part !== undefined,
    sentenceVectors: line.sentenceVectors,
    ...(line.part ? { part: line.part } : {}),
    onNotice: (notice) => io.stderr.write(`${notice}\n`),
    onProgress: createProgressBar(io.stderr),
  });
  const where = store.description;
  const { manifest, duplicates } = result;
  for (const d of duplicates.slice(0, LISTED_DUPLICATES)) {
    io.stderr.write(`skipped duplicate: "${d.title}" (${d.file}:${d.line})\n`);
  }
  if (manifest.counts.duplicates > LISTED_DUPLICATES) {
    io.stderr.write(
      `… and ${manifest.counts.duplicates - LISTED_DUPLICATES} more duplicates skipped.\n`,
    );
  }
  const { papers, sentences, truncated } = manifest.counts;
  if (line.json) {
    const summary = {
      papers,
      sentences,
      embedded: result.embedded,
      reused: result.reused,
      seconds: Math.round(result.seconds * 100) / 100,
      upToDate: result.upToDate,
      duplicates: manifest.counts.duplicates,
      truncated,
      model: manifest.model,
      sentenceVectors: manifest.sentenceVectors,
      indexDir: settings.indexDir,
      ...(settings.store ? { store: where } : {}),
      ...(line.part ? { part: `${line.part.index}/${line.part.of}` } : {}),
    };
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  if (result.upToDate) {
    io.stdout.write(
      `Index in ${where} is up to date (${papers} papers, model ${manifest.model}); nothing to embed. Use --force to rebuild.\n`,
    );
    return 0;
  }
  io.stdout.write(
    `Indexed ${papers} papers and ${sentences} sentences with ${manifest.model} (${manifest.dims} dims) in ${formatDuration(result.seconds)} → ${where}${line.part ? ` (part ${line.part.index}/${line.part.of})` : ""}\n`,
  );
  if (line.part && line.part.of > 1) {
    io.stdout.write(
      `When every part is in, put the index in force with: paperchat index --store URL --publish (the same --store and --store-prefix).\n`,
    );
  }
  io.stdout.write(
    `${result.embedded} texts embedded by this run; ${result.reused} papers took their vectors from the embedding cache.\n`,
  );
  if (truncated > 0) {
    io.stdout.write(
      `${truncated} texts were longer than the model's ${manifest.maxTokens}-token window; their sentences past it were embedded in a further pass.\n`,
    );
  }
  return 0;
}
