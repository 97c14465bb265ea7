import { loadEmbedder } from "../../embed/load-embedder.ts";
import { buildIndex } from "../../index/build-index.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { createProgressBar, formatDuration } from "../progress-bar.ts";

/** `paperchat index`: (re)builds the index with a progress bar on stderr. */
export async function indexCommand(line: CommandLine, io: CliIo): Promise<number> {
  const settings = resolveSettings(io.env, line.overrides);
  const started = performance.now();
  const embedder = await loadEmbedder(settings);
  const { manifest, reused, duplicates, carriedOver } = await buildIndex({
    corpusFiles: settings.corpusFiles,
    format: line.format,
    indexDir: settings.indexDir,
    embedder,
    force: line.force,
    onProgress: createProgressBar(io.stderr),
  });
  for (const d of duplicates) {
    io.stderr.write(`skipped duplicate: "${d.title}" (${d.file}:${d.line})\n`);
  }
  const { papers, sentences, truncated } = manifest.counts;
  if (reused) {
    io.stdout.write(
      `Index in ${settings.indexDir} is up to date (${papers} papers, model ${manifest.model}); nothing to embed. Use --force to rebuild.\n`,
    );
    return 0;
  }
  const seconds = (performance.now() - started) / 1000;
  io.stdout.write(
    `Indexed ${papers} papers and ${sentences} sentences with ${manifest.model} (${manifest.dims} dims) in ${formatDuration(seconds)} → ${settings.indexDir}\n`,
  );
  if (carriedOver > 0) {
    io.stdout.write(`${carriedOver} unchanged texts kept their vectors from the previous index.\n`);
  }
  if (truncated > 0) {
    io.stdout.write(
      `${truncated} texts were longer than the model's ${manifest.maxTokens}-token window and were embedded from their beginning.\n`,
    );
  }
  return 0;
}
