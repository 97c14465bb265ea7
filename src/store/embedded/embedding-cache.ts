import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { SentenceVectorMode } from "../sentence-vectors.ts";
import type { CachedEmbedding } from "../store-location.ts";

/** What a cache holds vectors of: vectors of another model or mode are never mixed in. */
export interface EmbeddingCacheKey {
  model: string;
  dims: number;
  sentenceVectors: SentenceVectorMode;
  /** The encoder's weights; absent for fp32 (so fp32 caches keep their names). */
  dtype?: string;
}

/**
 * Finished model work, kept across builds: a rebuild, a resumed build or a grown corpus never
 * embeds a text twice. Every `put` is one durable transaction, so a crash loses at most the
 * batch that was being embedded.
 */
export interface EmbeddingCache {
  readonly path: string;
  has(hash: string): boolean;
  paperVector(hash: string): Float32Array | undefined;
  put(entries: readonly CachedEmbedding[]): void;
  close(): void;
}

/**
 * The key of the cache for vectors of a model's encoder (`dtype`, fp32 when absent) in a
 * sentence-vector mode.
 *
 * @example
 * embeddingCacheKey({ model: "Xenova/all-MiniLM-L6-v2", dims: 384, sentenceVectors: "pooled", dtype: "q8" });
 */
export function embeddingCacheKey(of: EmbeddingCacheKey): EmbeddingCacheKey {
  const { model, dims, sentenceVectors, dtype } = of;
  return { model, dims, sentenceVectors, ...(dtype && dtype !== "fp32" ? { dtype } : {}) };
}

/**
 * The cache file for a model and sentence-vector mode, relative to the index folder.
 *
 * @example
 * embeddingCacheFile({ model: "Xenova/all-MiniLM-L6-v2", dims: 384, sentenceVectors: "pooled" });
 * // "embeddings/all-minilm-l6-v2-pooled-1a2b3c.sqlite"
 */
export function embeddingCacheFile(key: EmbeddingCacheKey): string {
  const slug =
    key.model
      .split(/[\\/]/)
      .filter(Boolean)
      .pop()
      ?.toLowerCase()
      .replace(/[^a-z0-9.-]+/g, "-")
      .slice(0, 40) || "model";
  const digest = createHash("sha256")
    .update(
      JSON.stringify([key.model, key.dims, key.sentenceVectors, ...(key.dtype ? [key.dtype] : [])]),
    )
    .digest("hex")
    .slice(0, 6);
  return join(
    "embeddings",
    `${slug}${key.dtype ? `-${key.dtype}` : ""}-${key.sentenceVectors}-${digest}.sqlite`,
  );
}

const toFloat32 = (blob: Buffer) =>
  new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

/**
 * Opens (creating if needed) an embedding cache; with `readonly`, as a server does while a build
 * may be adding to it. A cache made for another model or mode is refused.
 *
 * @example
 * const cache = openEmbeddingCache("index/embeddings/x.sqlite", { model, dims: 384, sentenceVectors: "pooled" });
 */
export function openEmbeddingCache(
  path: string,
  key: EmbeddingCacheKey,
  options: { readonly?: boolean } = {},
): EmbeddingCache {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  const readonly = options.readonly ?? false;
  const db = new Database(path, { readonly, fileMustExist: readonly });
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(`CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS embeddings (hash TEXT PRIMARY KEY, paper BLOB NOT NULL, sentences BLOB NOT NULL) WITHOUT ROWID;`);
    db.prepare("INSERT OR IGNORE INTO about (key, value) VALUES ('key', ?)").run(
      JSON.stringify(key),
    );
  }
  const stored = db.prepare("SELECT value FROM about WHERE key = 'key'").pluck().get() as
    | string
    | undefined;
  if (stored !== JSON.stringify(key)) {
    db.close();
    throw new Error(
      `${path} holds vectors of ${stored ?? "nothing known"}, not of ${JSON.stringify(key)}.`,
    );
  }
  const has = db.prepare("SELECT 1 FROM embeddings WHERE hash = ?").pluck();
  const paper = db.prepare("SELECT paper FROM embeddings WHERE hash = ?").pluck();
  const insert = options.readonly
    ? undefined
    : db.prepare("INSERT OR REPLACE INTO embeddings (hash, paper, sentences) VALUES (?, ?, ?)");
  const putAll = db.transaction((entries: readonly CachedEmbedding[]) => {
    for (const entry of entries) {
      insert!.run(
        entry.hash,
        Buffer.from(entry.paper.buffer, entry.paper.byteOffset, entry.paper.byteLength),
        Buffer.from(entry.sentences.buffer, entry.sentences.byteOffset, entry.sentences.byteLength),
      );
    }
  });
  return {
    path,
    has: (hash) => has.get(hash) !== undefined,
    paperVector(hash) {
      const blob = paper.get(hash) as Buffer | undefined;
      return blob && toFloat32(blob);
    },
    put(entries) {
      if (!insert) throw new Error(`${path} was opened read-only`);
      putAll(entries);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
