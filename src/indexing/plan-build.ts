import { existsSync } from "node:fs";
import { corpusUnchanged } from "../corpus/corpus-fingerprint.ts";
import type { CorpusFormat } from "../corpus/types.ts";
import { IndexError } from "../store/index-errors.ts";
import type { SentenceVectorMode } from "../store/sentence-vectors.ts";
import type { IndexFacts, StoreLocation } from "../store/store-location.ts";

/** What a build is asked to make. */
export interface BuildRequest {
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
  | { build: false; facts: IndexFacts; notice?: string }
  | {
      build: true;
      corpusFiles: string[];
      format?: CorpusFormat;
      sentenceVectors: SentenceVectorMode;
      /** The index being replaced, if any. */
      previous?: IndexFacts;
      notice?: string;
    };

const describe = (files: readonly string[]) => files.join(", ");

/** The index in force, or what a missing or older one means for the plan. */
async function storedIndex(
  store: StoreLocation,
  request: BuildRequest,
): Promise<{ manifest?: IndexFacts; earlierFormat?: string[] }> {
  try {
    const stored = await store.stored();
    if (!stored) return {};
    if ("facts" in stored) return { manifest: stored.facts };
    return { earlierFormat: stored.earlierFormat ?? request.corpusFiles };
  } catch (error) {
    // A damaged index is rebuilt when a build is asked for; a server says what is wrong.
    if (request.serving || !(error instanceof IndexError)) throw error;
    return {};
  }
}

/** Why the index in force must be rebuilt for this request, or undefined when it is current. */
async function staleBecause(
  manifest: IndexFacts,
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
 * const plan = await planBuild(embeddedLocation("index"), { corpusFiles: ["data/trending-papers.txt"], encoder });
 * if (plan.build) console.log(plan.notice);
 */
export async function planBuild(store: StoreLocation, request: BuildRequest): Promise<BuildPlan> {
  const { serving, encoder } = request;
  const { manifest, earlierFormat } = await storedIndex(store, request);
  const lexicalOnly = encoder ? "" : " (lexical-only: the model is not available)";
  // The request's sentence-vector mode, else the index's own: one the request leaves out is kept.
  const mode = request.sentenceVectors ?? manifest?.sentenceVectors ?? "pooled";
  const build = (corpusFiles: string[], notice?: string, format = request.format) => ({
    build: true as const,
    corpusFiles,
    ...(format ? { format } : {}),
    sentenceVectors: mode,
    ...(manifest ? { previous: manifest } : {}),
    ...(notice ? { notice: `paperchat: ${notice}` } : {}),
  });
  if (!serving) {
    if (!manifest || request.force) return build(request.corpusFiles);
    const stale = await staleBecause(manifest, request, request.corpusFiles, mode);
    return stale ? build(request.corpusFiles, stale) : { build: false, facts: manifest };
  }
  if (earlierFormat && !serving.corpusNamed) {
    return build(
      earlierFormat,
      `the index in ${store.description} was built by an earlier paperchat; rebuilding it from ${describe(earlierFormat)} in the current format.`,
    );
  }
  if (!manifest) {
    return build(
      request.corpusFiles,
      `no index in ${store.description} yet; building one of ${describe(request.corpusFiles)}${lexicalOnly}.`,
    );
  }
  const own = manifest.corpus.files.map((file) => file.path);
  if (serving.corpusNamed && describe(request.corpusFiles) !== describe(own)) {
    return build(
      request.corpusFiles,
      `replacing the index of ${describe(own)} (${manifest.counts.papers} papers) with one of ${describe(request.corpusFiles)}, as --corpus / PAPERCHAT_CORPUS asks.`,
    );
  }
  if (!encoder && manifest.model !== null) return { build: false, facts: manifest };
  const missing = own.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return {
      build: false,
      facts: manifest,
      notice: `paperchat: serving the existing index; its corpus ${describe(missing)} is gone, so it cannot be rebuilt or checked for changes.`,
    };
  }
  const ownRequest = { ...request, format: manifest.corpus.format };
  const stale = await staleBecause(manifest, ownRequest, own, mode);
  return stale ? build(own, stale, manifest.corpus.format) : { build: false, facts: manifest };
}
