import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ConfigurationError } from "../../settings/configuration-error.ts";
import type { BuildTarget, BuildTargetOptions, IndexFacts } from "../store-location.ts";
import { embeddingCacheFile, embeddingCacheKey, openEmbeddingCache } from "./embedding-cache.ts";
import { indexFileDigest } from "./file-digest.ts";
import { createGraphBuilder } from "./hnsw-graph.ts";
import {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
} from "./manifest.ts";
import { newGenerationName, switchManifest } from "./manifest-file.ts";
import { createPaperWriter } from "./paper-writer.ts";

export interface EmbeddedBuildOptions extends BuildTargetOptions {
  indexDir: string;
  hnsw?: HnswParams;
}

/**
 * Starts a build of the embedded store in a fresh generation folder of `indexDir`, while the
 * generation in force stays in force: papers go into SQLite and their vectors into the graph as
 * they are added (in row order), finished model work into the embedding cache (kept across
 * builds, one durable transaction per chunk), and `finish` switches the manifest atomically.
 *
 * @example
 * const build = await beginEmbeddedBuild({ indexDir: "index", encoder, sentenceVectors: "pooled" });
 * await build.add(record, embedding);
 * const facts = await build.finish(buildFacts);
 */
export async function beginEmbeddedBuild(options: EmbeddedBuildOptions): Promise<BuildTarget> {
  const { indexDir, encoder } = options;
  if (options.part && options.part.of > 1) {
    throw new ConfigurationError(
      `--part ${options.part.index}/${options.part.of} splits a build between workers that write to one cluster: give it with --store URL (an OpenSearch cluster). The embedded store in ${indexDir} is built whole by one process.`,
    );
  }
  const hnsw = options.hnsw ?? DEFAULT_HNSW;
  await mkdir(indexDir, { recursive: true });
  const generation = newGenerationName();
  const genDir = join(indexDir, generation);
  await mkdir(genDir);
  const papersFile = join(genDir, INDEX_FILES.papers);
  const writer = createPaperWriter(papersFile);
  const graph = encoder && createGraphBuilder(encoder.dims, hnsw);
  const key =
    encoder &&
    embeddingCacheKey({
      model: encoder.modelId,
      dims: encoder.dims,
      sentenceVectors: options.sentenceVectors,
      dtype: encoder.dtype,
    });
  const cacheFile = key && embeddingCacheFile(key);
  const cache = key && cacheFile ? openEmbeddingCache(join(indexDir, cacheFile), key) : undefined;
  return {
    seen: writer.seen,
    get papers() {
      return writer.count;
    },
    async cached(hashes) {
      const found = new Map();
      for (const hash of hashes) {
        // The graph needs only the paper's vector; sentence vectors stay in the cache.
        const paper = cache?.paperVector(hash);
        if (paper) found.set(hash, { hash, paper, sentences: new Uint8Array() });
      }
      return found;
    },
    async remember(done) {
      cache?.put(done);
    },
    async add(row, record, embedding) {
      if (row !== writer.count) throw new RangeError(`row ${row} added after ${writer.count} rows`);
      writer.add(record);
      if (!graph) return;
      if (!embedding)
        throw new Error(`no vectors for "${record.paper.title}" in a build with a model`);
      graph.add(embedding.paper);
    },
    async finish(facts) {
      writer.finish();
      const files: IndexManifest["files"] = {};
      if (graph) {
        graph.write(join(genDir, INDEX_FILES.hnsw));
        files[INDEX_FILES.hnsw] = await indexFileDigest(join(genDir, INDEX_FILES.hnsw));
      }
      files[INDEX_FILES.papers] = await indexFileDigest(papersFile);
      const manifest: IndexManifest = {
        formatVersion: INDEX_FORMAT_VERSION,
        ...facts,
        hnsw,
        generation,
        ...(cacheFile ? { embeddings: cacheFile } : {}),
        files,
        builtAt: new Date().toISOString(),
      };
      await switchManifest(indexDir, manifest);
      cache?.close();
      return manifest satisfies IndexFacts;
    },
    async abandon() {
      writer.abandon();
      cache?.close();
    },
  };
}
