import { resolve } from "node:path";
import { MODEL_DTYPES, type ModelDtype } from "../embed/model-source.ts";
import { ConfigurationError } from "./configuration-error.ts";
import { REPOSITORY_ROOT as ROOT } from "./repository.ts";

/** The default model: small, fast, and good at short scientific text. */
export const DEFAULT_MODEL = "Xenova/all-MiniLM-L6-v2";

/** What every command needs to know: which model, which index, which corpus. */
export interface Settings {
  /** Hub id or local model folder (`PAPERCHAT_MODEL`, `--model`). */
  model: string;
  /**
   * Which of the model's encoders runs (`PAPERCHAT_DTYPE`, `--dtype`): `fp32`, or the int8 `q8`
   * (`onnx/model_quantized.onnx`: hub models that ship it, or `model import --quantize int8`).
   * Unset: the existing index's own, else `q8` when the model has it, else `fp32`.
   */
  dtype?: ModelDtype;
  /**
   * Threads the model runs on (`PAPERCHAT_MODEL_THREADS`). Unset: onnxruntime's own choice, one a
   * core, each bound to its core, whatever `taskset` says; set it to run several paperchat
   * processes side by side (one `--part` worker a core: 1).
   */
  modelThreads?: number;
  /** Forbid downloads (`PAPERCHAT_OFFLINE=1`, `--offline`). */
  offline: boolean;
  /** Index folder (`PAPERCHAT_INDEX_DIR`, `--index-dir`). */
  indexDir: string;
  /** Corpus files (`PAPERCHAT_CORPUS`, comma-separated; `--corpus`, repeatable). */
  corpusFiles: string[];
  /**
   * True when `corpusFiles` was named (flag or environment); false for the bundled default, in
   * which case an existing index keeps serving the corpus it was built from.
   */
  corpusNamed: boolean;
  /** Cache for downloaded models (`PAPERCHAT_CACHE_DIR`). */
  cacheDir: string;
  /**
   * An OpenSearch cluster to keep the index in instead of `indexDir` (`PAPERCHAT_STORE`,
   * `--store`): `http://localhost:9200` or `https://user:pass@host`.
   */
  store?: string;
  /** Names the cluster's indexes, so corpora can share it (`PAPERCHAT_STORE_PREFIX`, `--store-prefix`). */
  storePrefix: string;
  /**
   * Milliseconds before a request to the cluster is given up (`PAPERCHAT_STORE_TIMEOUT`, in
   * seconds; default 30): a server behind a load balancer may want to answer 503 sooner.
   */
  storeTimeoutMs?: number;
}

/** Flags that override the environment (all optional). */
export type SettingsOverrides = Partial<Omit<Settings, "corpusNamed">>;

const TRUE = new Set(["1", "true", "yes", "on"]);

/** A cluster URL, checked: http or https, a host, nothing after it but a path prefix. */
function storeOf(url: string | undefined): { store?: string } {
  if (url === undefined) return {};
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !["http:", "https:"].includes(parsed.protocol) || !parsed.hostname) {
    throw new ConfigurationError(
      `PAPERCHAT_STORE / --store: "${url}" is not a cluster URL; write it as http://localhost:9200 or https://user:password@search.example.org.`,
    );
  }
  return { store: url };
}

/** An index name prefix OpenSearch accepts: lower case, digits, -, _. */
function storePrefixOf(prefix: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,100}$/.test(prefix)) {
    throw new ConfigurationError(
      `PAPERCHAT_STORE_PREFIX / --store-prefix: "${prefix}" cannot name an index; use lower-case letters, digits, - and _ (for example "arxiv-2026").`,
    );
  }
  return prefix;
}

/** `PAPERCHAT_STORE_TIMEOUT`: seconds, more than 0. */
function storeTimeoutOf(value: string | undefined): { storeTimeoutMs?: number } {
  if (value === undefined || value.trim() === "") return {};
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigurationError(
      `PAPERCHAT_STORE_TIMEOUT: "${value}" is not a number of seconds; give how long to wait for the cluster, like 10 or 0.5.`,
    );
  }
  return { storeTimeoutMs: Math.round(seconds * 1000) };
}

/**
 * Whether an unexpected failure prints its stack trace (`PAPERCHAT_DEBUG` set to anything).
 *
 * @example
 * debugFromEnv({ PAPERCHAT_DEBUG: "1" }); // true
 */
export function debugFromEnv(env: Record<string, string | undefined>): boolean {
  return Boolean(env.PAPERCHAT_DEBUG);
}

/** `PAPERCHAT_MODEL_THREADS`: a whole number of threads, at least 1. */
function modelThreadsOf(value: string | undefined): { modelThreads?: number } {
  if (!value?.trim()) return {};
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ConfigurationError(
      `PAPERCHAT_MODEL_THREADS: "${value}" is not a number of threads; give a whole number of at least 1, like 1 for one model thread a process.`,
    );
  }
  return { modelThreads: threads };
}

function dtypeFromEnv(value: string | undefined): ModelDtype | undefined {
  if (!value?.trim()) return undefined;
  const dtype = value.trim() as ModelDtype;
  if (!MODEL_DTYPES.includes(dtype))
    throw new ConfigurationError(
      `PAPERCHAT_DTYPE must be one of ${MODEL_DTYPES.join(", ")}, got "${value}".`,
    );
  return dtype;
}

/**
 * Resolves settings from flags, then environment variables, then defaults; throws
 * `ConfigurationError` for an environment variable it cannot use.
 *
 * @example
 * const settings = resolveSettings(process.env, { model: "./models/minilm" });
 */
export function resolveSettings(
  env: Record<string, string | undefined>,
  overrides: SettingsOverrides = {},
): Settings {
  const corpusFromEnv = env.PAPERCHAT_CORPUS?.split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  const corpusNamed = Boolean(overrides.corpusFiles?.length || corpusFromEnv?.length);
  return {
    model: overrides.model ?? (env.PAPERCHAT_MODEL || DEFAULT_MODEL),
    dtype: overrides.dtype ?? dtypeFromEnv(env.PAPERCHAT_DTYPE),
    ...(overrides.modelThreads !== undefined
      ? { modelThreads: overrides.modelThreads }
      : modelThreadsOf(env.PAPERCHAT_MODEL_THREADS)),
    offline: overrides.offline ?? TRUE.has((env.PAPERCHAT_OFFLINE ?? "").toLowerCase()),
    indexDir: resolve(overrides.indexDir ?? (env.PAPERCHAT_INDEX_DIR || resolve(ROOT, "index"))),
    corpusFiles: (overrides.corpusFiles?.length
      ? overrides.corpusFiles
      : corpusFromEnv?.length
        ? corpusFromEnv
        : [resolve(ROOT, "data/trending-papers.txt")]
    ).map((file) => resolve(file)),
    corpusNamed,
    cacheDir: resolve(
      overrides.cacheDir ?? (env.PAPERCHAT_CACHE_DIR || resolve(ROOT, ".cache/models")),
    ),
    ...storeOf(overrides.store ?? (env.PAPERCHAT_STORE || undefined)),
    storePrefix: storePrefixOf(
      overrides.storePrefix ?? (env.PAPERCHAT_STORE_PREFIX || "paperchat"),
    ),
    ...(overrides.storeTimeoutMs !== undefined
      ? { storeTimeoutMs: overrides.storeTimeoutMs }
      : storeTimeoutOf(env.PAPERCHAT_STORE_TIMEOUT)),
  };
}
