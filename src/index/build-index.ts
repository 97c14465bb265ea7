import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { corpusHash, readCorpus, splitSentences } from "../corpus/index.ts";
import type { CorpusFormat, SkippedDuplicate } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { buildBm25 } from "./bm25.ts";
import { buildHnsw } from "./hnsw.ts";
import {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./manifest.ts";
import { packVectors } from "./vector-file.ts";
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
  duplicates: SkippedDuplicate[];
}

/** Texts per progress step: a few model batches, so the bar moves smoothly. */
const EMBED_CHUNK = 256;

/** The text a paper is embedded as. */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n${paper.abstract}`;
}

async function readManifest(indexDir: string): Promise<IndexManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), "utf8")) as IndexManifest;
  } catch {
    return undefined;
  }
}

/** True when the index in `indexDir` was built from this corpus hash with this model and format. */
export async function isIndexCurrent(
  indexDir: string,
  model: string,
  hash: string,
): Promise<boolean> {
  const manifest = await readManifest(indexDir);
  return (
    manifest?.formatVersion === INDEX_FORMAT_VERSION &&
    manifest.model === model &&
    manifest.corpusHash === hash
  );
}

async function embedAll(
  embedder: Embedder,
  texts: string[],
  onProgress?: (progress: BuildProgress) => void,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  onProgress?.({ phase: "embed", done: 0, total: texts.length });
  for (let i = 0; i < texts.length; i += EMBED_CHUNK) {
    vectors.push(...(await embedder.embed(texts.slice(i, i + EMBED_CHUNK))));
    onProgress?.({ phase: "embed", done: vectors.length, total: texts.length });
  }
  return vectors;
}

/**
 * Reads the corpus, embeds every paper (title + abstract) and every abstract sentence, builds
 * the HNSW and BM25 indexes and writes them atomically with a manifest into `indexDir`.
 * An index that already matches the corpus and model is kept as it is (`reused: true`).
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
  const previous = await readManifest(indexDir);
  if (!options.force && (await isIndexCurrent(indexDir, embedder.modelId, hash)) && previous) {
    return { manifest: previous, reused: true, duplicates };
  }

  const indexed: IndexedPaper[] = papers.map((paper) => ({
    ...paper,
    sentences: splitSentences(paper.abstract).map((s) => [s.start, s.end]),
  }));
  const sentenceTexts = indexed.flatMap((paper) =>
    paper.sentences.map(([start, end]) => paper.abstract.slice(start, end)),
  );
  const truncatedBefore = embedder.stats.truncated;
  const vectors = await embedAll(
    embedder,
    [...indexed.map(paperText), ...sentenceTexts],
    onProgress,
  );
  const paperVectors = packVectors(vectors.slice(0, indexed.length), embedder.dims);
  const sentenceVectors = packVectors(vectors.slice(indexed.length), embedder.dims);

  const hnswParams = options.hnsw ?? DEFAULT_HNSW;
  const hnsw = buildHnsw(paperVectors, embedder.dims, hnswParams, (done, total) =>
    onProgress?.({ phase: "hnsw", done, total }),
  );
  const bm25 = buildBm25(papers.map((p) => ({ title: p.title, body: p.abstract })));

  onProgress?.({ phase: "write", done: 0, total: 1 });
  const manifest = await writeIndex(
    indexDir,
    { papers: indexed, paperVectors, sentenceVectors, hnsw, bm25 },
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
  return { manifest, reused: false, duplicates };
}
