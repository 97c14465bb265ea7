import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cosine,
  cosineSummary,
  cosinesToReference,
  INT8_COSINE_FLOOR,
  readReferenceVectors,
} from "../../scripts/real-model/reference-vectors.ts";
import { readCorpus } from "../../src/corpus/read-corpus.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { ENCODER_FILES, type ModelDtype } from "../../src/embed/model-source.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { BUNDLED_CORPUS, tempDir } from "../support/tiny-index.ts";
import { hasRealModel, REAL_MODEL } from "./support/real-model.ts";

const reference = readReferenceVectors();
const DEV_QUERIES = resolve(import.meta.dirname, "../fixtures/dev-queries.jsonl");
const REAL_MODEL_TIMEOUT_MS = 300_000;

/** The int8 encoder is written by `npm run model:real` too; under CI it must be there. */
function hasInt8Encoder(): boolean {
  if (!hasRealModel("the int8 real-model test")) return false;
  if (existsSync(join(REAL_MODEL, ENCODER_FILES.q8))) return true;
  const howTo = `${REAL_MODEL} has no ${ENCODER_FILES.q8}: run \`npm run model:real\` (it imports with --quantize int8).`;
  if (process.env.CI === "true")
    throw new Error(`${howTo} Under CI the real-model tests must run.`);
  console.warn(`Skipping the int8 real-model test. ${howTo}`);
  return false;
}

const load = (dtype: ModelDtype) =>
  loadEmbedder({ model: REAL_MODEL, dtype, offline: true, cacheDir: tempDir("paperchat-cache-") });

describe.runIf(hasInt8Encoder())(
  "the int8 all-MiniLM-L6-v2 (model import --quantize int8) against float32",
  () => {
    let int8: Embedder;
    beforeAll(async () => {
      int8 = await load("q8");
    }, REAL_MODEL_TIMEOUT_MS);

    it(
      `gives the 58 reference texts cosine ≥ ${INT8_COSINE_FLOOR.mean} on average and ≥ ${INT8_COSINE_FLOOR.min} each, with the same tokens`,
      async () => {
        expect(int8.dtype).toBe("q8");
        const texts = reference.items.map((item) => item.text);
        const cosines = await cosinesToReference(int8, reference);
        const { mean, min } = cosineSummary(cosines);
        console.log(
          `int8 vs sentence-transformers float32: mean cosine ${mean.toFixed(5)}, min ${min.toFixed(5)} over ${texts.length} texts`,
        );
        expect(mean).toBeGreaterThanOrEqual(INT8_COSINE_FLOOR.mean);
        for (const [i, value] of cosines.entries()) {
          expect(value, texts[i]!.slice(0, 60)).toBeGreaterThanOrEqual(INT8_COSINE_FLOOR.min);
        }
        expect(int8.countTokens(texts)).toEqual(reference.items.map((item) => item.tokens));
      },
      REAL_MODEL_TIMEOUT_MS,
    );

    it(
      "stays as close to the float32 encoder on the bundled corpus' paper texts (its calibration texts) and on questions",
      async () => {
        const { papers } = await readCorpus(BUNDLED_CORPUS);
        const questions = readFileSync(DEV_QUERIES, "utf8")
          .trim()
          .split("\n")
          .map((line) => (JSON.parse(line) as { q: string }).q);
        const texts = [
          ...papers.map(({ title, abstract }) => `${title}\n${abstract}`),
          ...questions,
        ];
        const [quantized, float] = [
          await int8.embed(texts),
          await (await load("fp32")).embed(texts),
        ];
        const { mean, min } = cosineSummary(
          quantized.map((vector, i) => cosine(vector, float[i]!)),
        );
        console.log(
          `int8 vs float32 on ${papers.length} paper texts and ${questions.length} questions: mean cosine ${mean.toFixed(5)}, min ${min.toFixed(5)}`,
        );
        expect(mean).toBeGreaterThanOrEqual(INT8_COSINE_FLOOR.mean);
        expect(min).toBeGreaterThanOrEqual(INT8_COSINE_FLOOR.min);
      },
      REAL_MODEL_TIMEOUT_MS,
    );
  },
);
