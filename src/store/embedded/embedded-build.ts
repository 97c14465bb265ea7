import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { SeenPapers } from "../../corpus/seen-papers.ts";
import type { PaperRecord } from "../paper-record.ts";
import { indexFileDigest } from "./file-digest.ts";
import { createGraphBuilder, type GraphBuilder } from "./hnsw-graph.ts";
import {
  DEFAULT_HNSW,
  type HnswParams,
  INDEX_FILES,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
} from "./manifest.ts";
import { newGenerationName, switchManifest } from "./manifest-file.ts";
import { createPaperWriter } from "./paper-writer.ts";

export interface EmbeddedBuildOptions {
  indexDir: string;
  /** Vector length; absent for a lexical-only index (no graph). */
  dims?: number;
  hnsw?: HnswParams;
}

/** What the manifest of a finished build says beyond its files. */
export type BuildFacts = Omit<
  IndexManifest,
  "formatVersion" | "generation" | "files" | "builtAt" | "hnsw" | "dims"
>;

/**
 * One build of the embedded store, written into a new generation folder while the previous one
 * stays in force: papers go into SQLite as they are read, their vectors into the graph as they
 * arrive (in row order), and `finish` switches the manifest atomically.
 */
export interface EmbeddedBuild {
  /** The papers kept so far by id and normalised title (duplicates are skipped). */
  readonly seen: SeenPapers;
  /** Papers added. */
  readonly papers: number;
  /** Adds a paper; returns its row (the papers added before it). */
  addPaper(record: PaperRecord): number;
  /** Adds the vector of the next row to the graph (rows 0, 1, 2, … in order). */
  addVector(vector: Float32Array): void;
  /** Writes the graph and the papers' indexes, then puts the generation in force. */
  finish(facts: BuildFacts): Promise<IndexManifest>;
  /** Closes without finishing: the generation stays out of force, and the next build removes it. */
  abandon(): void;
}

/**
 * Starts a build of the embedded store in a fresh generation of `indexDir`.
 *
 * @example
 * const build = await beginEmbeddedBuild({ indexDir: "index", dims: 384 });
 * const row = build.addPaper(record);
 * build.addVector(vector);
 * const manifest = await build.finish(facts);
 */
export async function beginEmbeddedBuild(options: EmbeddedBuildOptions): Promise<EmbeddedBuild> {
  const { indexDir, dims } = options;
  const hnsw = options.hnsw ?? DEFAULT_HNSW;
  await mkdir(indexDir, { recursive: true });
  const generation = newGenerationName();
  const genDir = join(indexDir, generation);
  await mkdir(genDir);
  const papersFile = join(genDir, INDEX_FILES.papers);
  const writer = createPaperWriter(papersFile);
  const graph: GraphBuilder | undefined = dims ? createGraphBuilder(dims, hnsw) : undefined;
  return {
    seen: writer.seen,
    get papers() {
      return writer.count;
    },
    addPaper: (record) => writer.add(record),
    addVector(vector) {
      if (!graph) throw new Error("a lexical-only build has no graph");
      if (graph.count >= writer.count) throw new RangeError("a vector for a row not yet added");
      graph.add(vector);
    },
    async finish(facts) {
      if (graph && graph.count !== writer.count) {
        throw new RangeError(`${graph.count} vectors for ${writer.count} papers`);
      }
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
        dims: dims ?? 0,
        hnsw,
        generation,
        files,
        builtAt: new Date().toISOString(),
      };
      await switchManifest(indexDir, manifest);
      return manifest;
    },
    abandon: () => writer.abandon(),
  };
}
