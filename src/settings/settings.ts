import { resolve } from "node:path";
import { REPOSITORY_ROOT as ROOT } from "./repository.ts";

/** The default model: small, fast, and good at short scientific text. */
export const DEFAULT_MODEL = "Xenova/all-MiniLM-L6-v2";

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
 * Whether an unexpected failure prints its stack trace (`PAPERCHAT_DEBUG` set to anything).
 *
 * @example
 * debugFromEnv({ PAPERCHAT_DEBUG: "1" }); // true
 */
export function debugFromEnv(env: Record<string, string | undefined>): boolean {
  return Boolean(env.PAPERCHAT_DEBUG);
}

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
