import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REAL_MODEL_SOURCE } from "../../scripts/real-model/real-model-folder.ts";
import {
  cosine,
  cosinesToReference,
  readReferenceVectors,
} from "../../scripts/real-model/reference-vectors.ts";
import { readCorpus } from "../../src/corpus/read-corpus.ts";
import { splitSentences } from "../../src/corpus/split-sentences.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import type { Embedder } from "../../src/embed/types.ts";
import { IMPORT_RECORD_FILE } from "../../src/model-import/index.ts";
import { spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { BUNDLED_CORPUS, tempDir } from "../support/tiny-index.ts";
import { hasRealModel, REAL_MODEL } from "./support/real-model.ts";

const reference = readReferenceVectors();
const MIN_COSINE = 0.9999;
/** The real model embeds a few hundred texts per test; on two busy cores that takes a while. */
const REAL_MODEL_TIMEOUT_MS = 300_000;
/**
 * How far a sentence vector pooled over its tokens inside the paper's pass (`embedPapers`) may be
 * from the sentence embedded alone. Measured on the bundled corpus with the one-pass
 * implementation: min 0.26, median 0.73 over 670 sentences (context changes them a lot).
 */
const POOLED_SENTENCE_FLOORS = { min: 0.2, median: 0.65 };

const load = (model: string) =>
  loadEmbedder({ model, dtype: "fp32", offline: true, cacheDir: tempDir("paperchat-cache-") });

describe.runIf(hasRealModel("the real-model reference test"))(
  "paperchat's embedder against sentence-transformers on PyTorch (all-MiniLM-L6-v2)",
  () => {
    let embedder: Embedder;
    beforeAll(async () => {
      embedder = await load(REAL_MODEL);
    }, REAL_MODEL_TIMEOUT_MS);

    it("was converted from the weights the reference was computed with", () => {
      const record = JSON.parse(readFileSync(join(REAL_MODEL, IMPORT_RECORD_FILE), "utf8"));
      expect(record.weightsSha256).toBe(reference.weightsSha256);
      expect(embedder.maxTokens).toBe(reference.maxSeqLength);
    });

    it(
      `gives every reference text (short, long, past the window, non-ASCII, LaTeX, code) cosine ≥ ${MIN_COSINE} and the same token count`,
      async () => {
        const texts = reference.items.map((item) => item.text);
        expect(texts.length).toBeGreaterThanOrEqual(50);
        expect(reference.items.some((item) => item.tokens === reference.maxSeqLength)).toBe(true);
        const cosines = await cosinesToReference(embedder, reference);
        console.log(
          `real model vs sentence-transformers: min cosine ${Math.min(...cosines).toFixed(7)} over ${texts.length} texts`,
        );
        for (const [i, value] of cosines.entries()) {
          expect(value, texts[i]!.slice(0, 60)).toBeGreaterThanOrEqual(MIN_COSINE);
        }
        expect(embedder.countTokens(texts)).toEqual(reference.items.map((item) => item.tokens));
      },
      REAL_MODEL_TIMEOUT_MS,
    );

    it(
      "embedPapers: paper vectors are the embedded paper texts; pooled sentence vectors stay near the separately embedded ones",
      async () => {
        const { papers } = await readCorpus(BUNDLED_CORPUS);
        const input = papers.map(({ title, abstract }) => ({
          title,
          abstract,
          sentences: splitSentences(abstract).map((s) => [s.start, s.end] as const),
        }));
        const pooled = await embedder.embedPapers(input);
        const paperAlone = await embedder.embed(input.map((p) => `${p.title}\n${p.abstract}`));
        const sentenceAlone = await embedder.embed(
          input.flatMap((p) => p.sentences.map(([start, end]) => p.abstract.slice(start, end))),
        );
        for (const [i, embedding] of pooled.entries()) {
          expect(cosine(embedding.paper, paperAlone[i]!), papers[i]!.title).toBeGreaterThanOrEqual(
            MIN_COSINE,
          );
        }
        const sentenceCosines = pooled
          .flatMap((embedding) => embedding.sentences)
          .map((vector, i) => cosine(vector, sentenceAlone[i]!))
          .sort((a, b) => a - b);
        const median = sentenceCosines[Math.floor(sentenceCosines.length / 2)]!;
        console.log(
          `embedPapers vs embed, ${sentenceCosines.length} sentences: min cosine ${sentenceCosines[0]!.toFixed(4)}, median ${median.toFixed(4)}`,
        );
        expect(sentenceCosines[0]).toBeGreaterThanOrEqual(POOLED_SENTENCE_FLOORS.min);
        expect(median).toBeGreaterThanOrEqual(POOLED_SENTENCE_FLOORS.median);
      },
      REAL_MODEL_TIMEOUT_MS,
    );

    it(
      "paperchat model import of the pip package's folder gives the same vectors",
      async () => {
        const out = join(tempDir(), "all-MiniLM-L6-v2");
        const end = await spawnPaperchat(["model", "import", REAL_MODEL_SOURCE, out], {}).ended;
        expect(end.code, end.stderr).toBe(0);
        expect(end.stdout).toContain("6 layers, 384 dims, mean pooling, 256-token window");
        const sample = reference.items.filter((_, i) => i % 10 === 0);
        const vectors = await (await load(out)).embed(sample.map((item) => item.text));
        for (const [i, item] of sample.entries()) {
          expect(cosine(item.vector, vectors[i]!)).toBeGreaterThanOrEqual(MIN_COSINE);
        }
      },
      REAL_MODEL_TIMEOUT_MS,
    );
  },
);
