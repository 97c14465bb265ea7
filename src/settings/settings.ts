import { resolve } from "node:path";
import { DEFAULT_MODEL } from "../embed/load-embedder.ts";

/** Where paperchat's files live when nothing says otherwise: the repository root. */
const ROOT = resolve(import.meta.dirname, "../..");

/** What every command needs to know: which model, which index, which corpus. */
export interface Settings {
  /** Hub id or local model folder (`PAPERCHAT_MODEL`, `--model`). */
  model: string;
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
}

/** Flags that override the environment (all optional). */
export type SettingsOverrides = Partial<Omit<Settings, "corpusNamed">>;

const TRUE = new Set(["1", "true", "yes", "on"]);

/**
 * Resolves settings from flags, then environment variables, then defaults.
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
  };
}
