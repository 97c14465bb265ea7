import { corpusHash, readCorpus, splitSentences } from "../corpus/index.ts";
import type { CorpusFormat, SkippedDuplicate } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { packVectors } from "./binary-file.ts";
import { buildBm25, termIdsOf } from "./bm25.ts";
import { buildHnsw } from "./hnsw.ts";
import { loadIndex, readManifest } from "./load-index.ts";
import {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
} from "./manifest.ts";
import { packSentenceTerms } from "./sentence-terms.ts";
import { tokenize } from "./tokenize.ts";
import { type IndexedPaper, writeIndex } from "./write-index.ts";

/** A step of a build, reported as it goes (drives the CLI's progress bar). */
export interface BuildProgress {
  phase: "embed" | "hnsw" | "write";
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  corpusFiles: string[];
  format?: CorpusFormat;
  indexDir: string;
  embedder: Embedder;
  /** Rebuild even when the corpus and model are unchanged. */
  force?: boolean;
  hnsw?: HnswParams;
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildIndexResult {
  manifest: IndexManifest;
  /** True when the existing index already matched corpus and model, so nothing was embedded. */
  reused: boolean;
  /** Texts sent to the model by this build (0 when reused). */
  embedded: number;
  /** Vectors taken over from the previous index because their text did not change. */
  carriedOver: number;
  duplicates: SkippedDuplicate[];
}

/** Texts per progress step: a few model batches, so the bar moves smoothly. */
const EMBED_CHUNK = 256;

/** The text a paper is embedded as. */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

/** True when a manifest describes an index of this corpus hash, built with this model and format. */
function isCurrent(manifest: IndexManifest | undefined, model: string, hash: string): boolean {
  return (
    manifest?.formatVersion === INDEX_FORMAT_VERSION &&
    manifest.model === model &&
    manifest.corpusHash === hash
  );
}

/**
 * Vectors of the previous index by text, when it was built with the same model: a corpus that
 * grew by a few papers only embeds those. Empty when there is no usable previous index.
 */
async function previousVectors(
  indexDir: string,
  model: string,
): Promise<Map<string, Float32Array>> {
  const byText = new Map<string, Float32Array>();
  const previous = await loadIndex(indexDir, { model }).catch(() => undefined);
  if (!previous) return byText;
  const { dims } = previous.manifest;
  previous.papers.forEach((paper, row) => {
    byText.set(paperText(paper), previous.paperVectors.subarray(row * dims, (row + 1) * dims));
    paper.sentences.forEach(([start, end], i) => {
      const at = previous.sentenceStart[row]! + i;
      byText.set(
        paper.abstract.slice(start, end),
        previous.sentenceVectors.subarray(at * dims, (at + 1) * dims),
      );
    });
  });
  return byText;
}

async function embedAll(
  embedder: Embedder,
  texts: string[],
  known: Map<string, Float32Array>,
  onProgress?: (progress: BuildProgress) => void,
): Promise<{ vectors: Float32Array[]; embedded: number }> {
  const missing = [...new Set(texts.filter((text) => !known.has(text)))];
  const fresh = new Map<string, Float32Array>();
  onProgress?.({ phase: "embed", done: 0, total: missing.length });
  for (let i = 0; i < missing.length; i += EMBED_CHUNK) {
    const chunk = missing.slice(i, i + EMBED_CHUNK);
    const vectors = await embedder.embed(chunk);
    for (const [j, text] of chunk.entries()) fresh.set(text, vectors[j]!);
    onProgress?.({ phase: "embed", done: fresh.size, total: missing.length });
  }
  const vectors = texts.map((text) => fresh.get(text) ?? known.get(text)!);
  return { vectors, embedded: missing.length };
}

/**
 * Reads the corpus, embeds every paper (title + abstract) and every abstract sentence, builds
 * the HNSW and BM25 indexes and writes them atomically with a manifest into `indexDir`.
 * An index that already matches the corpus and model is kept as it is (`reused: true`); when
 * only some papers changed, the vectors of unchanged texts are carried over from it (unless
 * `force`), so only new text is embedded.
 *
 * @example
 * const { manifest } = await buildIndex({ corpusFiles: ["data/trending-papers.txt"], indexDir: "index", embedder });
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const { embedder, indexDir, onProgress } = options;
  const { papers, duplicates } = await readCorpus(options.corpusFiles, { format: options.format });
  if (papers.length === 0) {
    throw new Error(`No papers found in ${options.corpusFiles.join(", ")}: nothing to index.`);
  }
  const hash = corpusHash(papers);
  // A missing or unreadable manifest just means there is nothing to reuse.
  const previous = await readManifest(indexDir).catch(() => undefined);
  if (!options.force && previous && isCurrent(previous, embedder.modelId, hash)) {
    return { manifest: previous, reused: true, embedded: 0, carriedOver: 0, duplicates };
  }

  const indexed: IndexedPaper[] = papers.map((paper) => ({
    ...paper,
    sentences: splitSentences(paper.abstract).map((s) => [s.start, s.end]),
  }));
  const sentenceTexts = indexed.flatMap((paper) =>
    paper.sentences.map(([start, end]) => paper.abstract.slice(start, end)),
  );
  const truncatedBefore = embedder.stats.truncated;
  const texts = [...indexed.map(paperText), ...sentenceTexts];
  const known = options.force ? new Map() : await previousVectors(indexDir, embedder.modelId);
  const { vectors, embedded } = await embedAll(embedder, texts, known, onProgress);
  const paperVectors = packVectors(vectors.slice(0, indexed.length), embedder.dims);
  const sentenceVectors = packVectors(vectors.slice(indexed.length), embedder.dims);

  const hnswParams = options.hnsw ?? DEFAULT_HNSW;
  const hnsw = buildHnsw(paperVectors, embedder.dims, hnswParams, (done, total) =>
    onProgress?.({ phase: "hnsw", done, total }),
  );
  const bm25 = buildBm25(papers.map((p) => ({ title: p.title, body: p.abstract })));
  const sentenceTerms = packSentenceTerms(
    sentenceTexts.map((text) => termIdsOf(bm25, tokenize(text))),
  );

  onProgress?.({ phase: "write", done: 0, total: 1 });
  const manifest = await writeIndex(
    indexDir,
    { papers: indexed, paperVectors, sentenceVectors, sentenceTerms, hnsw, bm25 },
    {
      formatVersion: INDEX_FORMAT_VERSION,
      model: embedder.modelId,
      dims: embedder.dims,
      maxTokens: embedder.maxTokens,
      corpusHash: hash,
      corpusFiles: options.corpusFiles,
      counts: {
        papers: indexed.length,
        sentences: sentenceTexts.length,
        truncated: embedder.stats.truncated - truncatedBefore,
      },
      hnsw: hnswParams,
    },
  );
  onProgress?.({ phase: "write", done: 1, total: 1 });
  return { manifest, reused: false, embedded, carriedOver: texts.length - embedded, duplicates };
}
