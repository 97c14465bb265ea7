import { existsSync } from "node:fs";
import { corpusUnchanged } from "../corpus/corpus-fingerprint.ts";
import type { CorpusFormat } from "../corpus/types.ts";
import { IndexError } from "../store/embedded/index-errors.ts";
import { INDEX_FORMAT_VERSION, type IndexManifest } from "../store/embedded/manifest.ts";
import { earlierFormatCorpus, readManifest } from "../store/embedded/manifest-file.ts";
import type { SentenceVectorMode } from "../store/sentence-vectors.ts";

/** What a build is asked to make. */
export interface BuildRequest {
  indexDir: string;
  corpusFiles: string[];
  format?: CorpusFormat;
  /** The model and encoder that embed papers; absent: a lexical-only index. */
  encoder?: { model: string; dtype: string };
  /** How sentence vectors are made (default: the index's own mode when serving, else `pooled`). */
  sentenceVectors?: SentenceVectorMode;
  /** Rebuild even when the index is current (the embedding cache still spares the model). */
  force?: boolean;
  /**
   * `npm start`: an index keeps serving its own corpus unless `corpusNamed`, and an index with
   * vectors is never replaced by a lexical-only one because the model is missing. Without it
   * (`paperchat index`), the index is made of `corpusFiles`, as asked.
   */
  serving?: { corpusNamed: boolean };
}

/** The one decision of whether to build, and what; `notice` says it to the person. */
export type BuildPlan =
  | { build: false; notice?: string }
  | {
      build: true;
      corpusFiles: string[];
      format?: CorpusFormat;
      sentenceVectors: SentenceVectorMode;
      /** The index being replaced, if any. */
      previous?: IndexManifest;
      notice?: string;
    };

const describe = (files: readonly string[]) => files.join(", ");

/** The manifest in force, or what a missing or older one means for the plan. */
async function currentManifest(request: BuildRequest) {
  try {
    return { manifest: await readManifest(request.indexDir) };
  } catch (error) {
    if (!(error instanceof IndexError)) throw error;
    if (error.code === "missing") return {};
    if (error.code === "format-mismatch") {
      return { earlierFormat: await earlierFormatCorpus(request.indexDir) };
    }
    // A damaged index is rebuilt when a build is asked for; a server says what is wrong.
    if (request.serving) throw error;
    return {};
  }
}

/** Why the index in force must be rebuilt for this request, or undefined when it is current. */
async function staleBecause(
  manifest: IndexManifest,
  request: BuildRequest,
  corpusFiles: readonly string[],
  mode: SentenceVectorMode,
): Promise<string | undefined> {
  const { encoder } = request;
  const files = describe(corpusFiles);
  if (manifest.model === null && encoder) {
    return `the model is available now; embedding the lexical-only index of ${files}.`;
  }
  if (manifest.model !== (encoder?.model ?? null)) {
    return `the index was built with model ${manifest.model}; rebuilding it with ${encoder?.model ?? "no model (lexical-only)"}, as PAPERCHAT_MODEL / --model asks.`;
  }
  if (encoder && (manifest.dtype ?? "fp32") !== encoder.dtype) {
    return `the index was built with the ${manifest.dtype ?? "fp32"} encoder; rebuilding it with the ${encoder.dtype} one, as PAPERCHAT_DTYPE / --dtype asks.`;
  }
  if (encoder && manifest.sentenceVectors !== mode) {
    return `rebuilding the index with ${mode} sentence vectors, as --sentence-vectors asks.`;
  }
  if (manifest.corpus.format !== request.format) {
    return `rebuilding the index reading ${files} as ${request.format ?? "its extension says"}.`;
  }
  if (!(await corpusUnchanged(manifest.corpus.files, corpusFiles))) {
    return `${files} changed since the index was built; rebuilding it.`;
  }
  return undefined;
}

/**
 * Decides, once, whether to build and of what: reads the manifest in force, then compares its
 * corpus files (size and time, else content), model, encoder, sentence-vector mode and format
 * with the request. When serving (`npm start`), an index keeps its own corpus and mode unless
 * another corpus is named, an index of an earlier format is rebuilt from its own corpus, and an
 * index whose corpus is gone is kept as it is.
 *
 * @example
 * const plan = await planBuild({ indexDir: "index", corpusFiles: ["data/trending-papers.txt"], encoder });
 * if (plan.build) console.log(plan.notice);
 */
export async function planBuild(request: BuildRequest): Promise<BuildPlan> {
  const { serving, encoder } = request;
  const { manifest, earlierFormat } = await currentManifest(request);
  const lexicalOnly = encoder ? "" : " (lexical-only: the model is not available)";
  const build = (corpusFiles: string[], notice?: string, format = request.format) => ({
    build: true as const,
    corpusFiles,
    ...(format ? { format } : {}),
    sentenceVectors: request.sentenceVectors ?? manifest?.sentenceVectors ?? "pooled",
    ...(manifest ? { previous: manifest } : {}),
    ...(notice ? { notice: `paperchat: ${notice}` } : {}),
  });
  if (!serving) {
    if (!manifest || request.force) return build(request.corpusFiles);
    const mode = request.sentenceVectors ?? "pooled";
    const stale = await staleBecause(manifest, request, request.corpusFiles, mode);
    return stale ? build(request.corpusFiles, stale) : { build: false };
  }
  if (earlierFormat && !serving.corpusNamed) {
    return build(
      earlierFormat,
      `the index in ${request.indexDir} was built by an earlier paperchat; rebuilding it from ${describe(earlierFormat)} in the current format.`,
    );
  }
  if (!manifest) {
    return build(
      request.corpusFiles,
      `no index in ${request.indexDir} yet; building one of ${describe(request.corpusFiles)}${lexicalOnly}.`,
    );
  }
  const own = manifest.corpus.files.map((file) => file.path);
  if (serving.corpusNamed && describe(request.corpusFiles) !== describe(own)) {
    return build(
      request.corpusFiles,
      `replacing the index of ${describe(own)} (${manifest.counts.papers} papers) with one of ${describe(request.corpusFiles)}, as --corpus / PAPERCHAT_CORPUS asks.`,
    );
  }
  if (!encoder && manifest.model !== null) return { build: false };
  const missing = own.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return {
      build: false,
      notice: `paperchat: serving the existing index; its corpus ${describe(missing)} is gone, so it cannot be rebuilt or checked for changes.`,
    };
  }
  const ownRequest = { ...request, format: manifest.corpus.format };
  const mode = request.sentenceVectors ?? manifest.sentenceVectors;
  const stale =
    manifest.formatVersion === INDEX_FORMAT_VERSION
      ? await staleBecause(manifest, ownRequest, own, mode)
      : "rebuilding the index in the current format.";
  return stale ? build(own, stale, manifest.corpus.format) : { build: false };
}
