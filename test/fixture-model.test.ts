import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AutoTokenizer, env, pipeline } from "@huggingface/transformers";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINILM_SHAPE, TINY_BERT } from "../scripts/fixture-model/fixture-specs.ts";
import { generateFixtureModel } from "../scripts/fixture-model/generate-fixture-model.ts";
import {
  buildVocabulary,
  corpusCharacters,
  wordsByFrequency,
} from "../scripts/fixture-model/vocabulary.ts";

const corpusText = readFileSync(resolve("data/trending-papers.txt"), "utf8");
const hidden = TINY_BERT.dimensions.hiddenSize;

function filesUnder(folder: string): Map<string, Buffer> {
  const paths = readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
  return new Map(
    paths
      .filter((path) => statSync(join(folder, path)).isFile())
      .map((path) => [path, readFileSync(join(folder, path))]),
  );
}

const dot = (a: number[], b: number[]): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe("tiny fixture model", () => {
  let workDir: string;
  let folder: string;

  beforeAll(() => {
    env.allowRemoteModels = false;
    workDir = mkdtempSync(join(tmpdir(), "paperchat-fixture-"));
    folder = generateFixtureModel({
      spec: TINY_BERT,
      outDir: join(workDir, "a"),
      corpusText,
    }).folder;
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("is byte-identical when generated twice", () => {
    const again = generateFixtureModel({ spec: TINY_BERT, outDir: join(workDir, "b"), corpusText });
    const first = filesUnder(folder);
    const second = filesUnder(again.folder);
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual(
      expect.arrayContaining([
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "onnx/model.onnx",
        "paperchat-fixture.json",
      ]),
    );
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
  });

  it("is left alone by --if-missing while complete, and regenerated once a file is gone", () => {
    const options = { spec: TINY_BERT, outDir: join(workDir, "c"), corpusText, ifMissing: true };
    expect(generateFixtureModel(options).status).toBe("written");
    expect(generateFixtureModel(options).status).toBe("up-to-date");
    rmSync(join(workDir, "c", TINY_BERT.name, "onnx/model.onnx"));
    expect(generateFixtureModel(options).status).toBe("written");
    expect(statSync(join(workDir, "c", TINY_BERT.name, "onnx/model.onnx")).size).toBeGreaterThan(0);
  });

  it("stays under 1 MB", () => {
    const bytes = [...filesUnder(folder).values()].reduce((sum, file) => sum + file.length, 0);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it("runs in onnxruntime with a padded batch: last_hidden_state is [batch, seq, hidden]", async () => {
    const session = await ort.InferenceSession.create(join(folder, "onnx/model.onnx"));
    expect(session.inputNames).toEqual(["input_ids", "attention_mask", "token_type_ids"]);
    expect(session.outputNames).toEqual(["last_hidden_state"]);
    const int64 = (values: number[]) =>
      new ort.Tensor("int64", BigInt64Array.from(values, BigInt), [2, 5]);
    const output = await session.run({
      input_ids: int64([2, 40, 41, 42, 3, 2, 43, 3, 0, 0]),
      attention_mask: int64([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]),
      token_type_ids: int64([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
    const state = output.last_hidden_state;
    if (!state) throw new Error("no last_hidden_state output");
    expect(state.dims).toEqual([2, 5, hidden]);
    expect(state.type).toBe("float32");
    const data = state.data as Float32Array;
    expect(data.every(Number.isFinite)).toBe(true);
    // Position embeddings are zero: [SEP] at position 4 of row 0 and position 2 of row 1 match.
    const vectorAt = (row: number, position: number) => [
      ...data.subarray((row * 5 + position) * hidden, (row * 5 + position + 1) * hidden),
    ];
    expect(vectorAt(1, 2)).toEqual(vectorAt(0, 4));
    expect(vectorAt(0, 1)).not.toEqual(vectorAt(0, 2));
  });

  it("tokenizes as uncased BERT: [CLS] … [SEP], lower-cased, truncated at model_max_length", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(folder);
    const vocab = JSON.parse(readFileSync(join(folder, "tokenizer.json"), "utf8")).model.vocab;
    const ids = (text: string): number[] =>
      (tokenizer(text).input_ids.tolist() as bigint[][])[0]?.map(Number) ?? [];

    const mixed = ids("Graph NEURAL Networks");
    expect(mixed).toEqual([
      vocab["[CLS]"],
      vocab.graph,
      vocab.neural,
      vocab.networks,
      vocab["[SEP]"],
    ]);
    expect(mixed).toEqual(ids("graph neural networks"));
    expect(tokenizer.tokenize("Zqx!")).toEqual(["z", "##q", "##x", "!"]);
    expect(ids("Zqx!")).not.toContain(vocab["[UNK]"]);

    const long = tokenizer("graph ".repeat(500), { truncation: true });
    expect(long.input_ids.dims).toEqual([1, TINY_BERT.modelMaxLength]);
  });

  it("embeds as a bag of words through the feature-extraction pipeline", async () => {
    const extract = await pipeline("feature-extraction", folder);
    const output = await extract(
      [
        "graph neural network",
        "graph neural networks for users",
        "object detection with feature pyramids",
      ],
      { pooling: "mean", normalize: true },
    );
    expect(output.dims).toEqual([3, hidden]);
    const [query, overlapping, unrelated] = output.tolist() as number[][];
    if (!query || !overlapping || !unrelated) throw new Error("expected three vectors");
    expect(dot(query, query)).toBeCloseTo(1, 5);
    expect(dot(query, overlapping)).toBeGreaterThan(dot(query, unrelated));
  });
});

describe("MiniLM-shaped fixture vocabulary", () => {
  it("pads the corpus vocabulary to exactly vocab_size unique tokens", () => {
    const vocabulary = buildVocabulary({
      characters: corpusCharacters(corpusText),
      words: wordsByFrequency(corpusText),
      padToSize: 30522,
    });
    expect(MINILM_SHAPE.vocabulary).toEqual({ size: 30522 });
    expect(vocabulary).toHaveLength(30522);
    expect(new Set(vocabulary).size).toBe(30522);
    expect(vocabulary.slice(0, 5)).toEqual(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
  });
});
