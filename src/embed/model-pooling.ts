import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** How token vectors become one text vector: their mean, or the [CLS] token's (BGE). */
export type Pooling = "mean" | "cls";

/** Where a sentence-transformers folder (and `paperchat model import`'s output) says how it pools. */
export const POOLING_CONFIG_FILE = "1_Pooling/config.json";

/** The fields of a sentence-transformers `1_Pooling/config.json` that choose the pooling. */
export type PoolingConfig = {
  pooling_mode_cls_token?: boolean;
  pooling_mode_mean_tokens?: boolean;
  pooling_mode_max_tokens?: boolean;
  pooling_mode_mean_sqrt_len_tokens?: boolean;
};

/**
 * The pooling a sentence-transformers pooling config asks for, or an error message when it asks
 * for one paperchat does not do (max, mean-sqrt-len, or several at once).
 *
 * @example
 * poolingOf({ pooling_mode_cls_token: true }); // "cls"
 */
export function poolingOf(config: PoolingConfig): Pooling | { unsupported: string } {
  const modes = Object.entries(config)
    .filter(([key, on]) => key.startsWith("pooling_mode_") && on === true)
    .map(([key]) => key);
  if (modes.length === 0 || (modes.length === 1 && modes[0] === "pooling_mode_mean_tokens"))
    return "mean";
  if (modes.length === 1 && modes[0] === "pooling_mode_cls_token") return "cls";
  return { unsupported: `pooling ${modes.join(" + ")} (paperchat pools by mean or CLS token)` };
}

/**
 * The pooling of a local model folder: what its `1_Pooling/config.json` says, mean without one.
 *
 * @example
 * folderPooling("./models/bge-small-en-v1.5"); // "cls"
 */
export function folderPooling(folder: string): Pooling {
  const path = join(folder, POOLING_CONFIG_FILE);
  if (!existsSync(path)) return "mean";
  const pooling = poolingOf(JSON.parse(readFileSync(path, "utf8")) as PoolingConfig);
  if (typeof pooling === "string") return pooling;
  throw new Error(`${path} asks for ${pooling.unsupported}.`);
}
