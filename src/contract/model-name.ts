import { basename } from "node:path";

/**
 * The name a model is served under: a hub id as it is, a local folder by its folder name (no
 * file system paths leave the server).
 *
 * @example
 * publicModelName("Xenova/all-MiniLM-L6-v2"); // "Xenova/all-MiniLM-L6-v2"
 * publicModelName("/srv/models/paperchat-tiny-bert"); // "paperchat-tiny-bert"
 */
export function publicModelName(modelId: string): string {
  return modelId.startsWith("/") || /^[A-Za-z]:[\\/]/.test(modelId) ? basename(modelId) : modelId;
}
