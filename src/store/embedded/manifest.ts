import { GRAPH_SHAPE } from "../graph-shape.ts";
import type { IndexFacts } from "../store-location.ts";

/** Bumped whenever the files of an index change shape; older indexes are refused, not misread. */
export const INDEX_FORMAT_VERSION = 5;

/** HNSW build parameters, recorded so that a loaded index is searched the way it was built. */
export interface HnswParams {
  space: "ip";
  m: number;
  efConstruction: number;
  seed: number;
}

/** What `index/manifest.json` says about the index it points at. */
export interface IndexManifest extends IndexFacts {
  hnsw: HnswParams;
  /** Folder (inside the index dir) that holds this build's files. */
  generation: string;
  /** The embedding cache (relative to the index dir) that holds this build's sentence vectors. */
  embeddings?: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** The data files of one build, by role. */
export const INDEX_FILES = {
  papers: "papers.sqlite",
  hnsw: "papers.hnsw",
} as const;

export const MANIFEST_FILE = "manifest.json";

/** The graph every store builds ({@link GRAPH_SHAPE}), by inner product, with a fixed seed. */
export const DEFAULT_HNSW: HnswParams = { space: "ip", ...GRAPH_SHAPE, seed: 100 };
