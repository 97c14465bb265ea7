import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "@huggingface/transformers";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { MODEL_FILES } from "../../src/embed/model-source.ts";
import { parseSafetensors } from "../../src/model-import/safetensors.ts";
import { tempDir } from "../support/tiny-index.ts";
import { writeSyntheticCheckpoint } from "./support/synthetic-checkpoint.ts";

const TEXTS = [
  "graph convolution for recommendation",
  "Sparse concept bottleneck models, with Gumbel tricks!",
  "x",
];

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => "",
    env: {},
  };
  return { code: await main(argv, io), stdout, stderr };
}

const embedderFor = (model: string) =>
  loadEmbedder({ model, offline: true, cacheDir: tempDir("paperchat-cache-") });

describe("paperchat model import", () => {
  it("converts a safetensors checkpoint into a model that embeds exactly like the same weights written directly", async () => {
    const root = tempDir();
    const { checkpoint, direct } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    const out = join(root, "imported");
    const result = await run(["model", "import", checkpoint, out]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/2 layers, 32 dims, mean pooling, 48-token window/);
    for (const file of MODEL_FILES) expect(existsSync(join(out, file))).toBe(true);

    const [imported, reference] = [await embedderFor(out), await embedderFor(direct)];
    const [got, want] = [await imported.embed(TEXTS), await reference.embed(TEXTS)];
    got.forEach((vector, i) => {
      for (let d = 0; d < vector.length; d++) expect(vector[d]).toBeCloseTo(want[i]![d]!, 6);
    });
    // The window is sentence-transformers' max_seq_length (48), not the tokenizer's 64.
    expect(imported.maxTokens).toBe(48);
    expect(imported.countTokens(["word ".repeat(100)])).toEqual([48]);
  });

  it("finds weights saved under bert. (a BertForMaskedLM-style checkpoint)", async () => {
    const root = tempDir();
    const { checkpoint, direct } = writeSyntheticCheckpoint(root, {
      pooling: "mean",
      prefix: "bert.",
    });
    const out = join(root, "imported");
    expect((await run(["model", "import", checkpoint, out])).code).toBe(0);
    const [got] = await (await embedderFor(out)).embed([TEXTS[0]!]);
    const [want] = await (await embedderFor(direct)).embed([TEXTS[0]!]);
    for (let d = 0; d < want!.length; d++) expect(got![d]).toBeCloseTo(want![d]!, 6);
  });

  it("keeps CLS pooling (BGE): the embedder then returns the [CLS] token's vector", async () => {
    const root = tempDir();
    const { checkpoint, direct } = writeSyntheticCheckpoint(root, { pooling: "cls" });
    const out = join(root, "imported");
    expect((await run(["model", "import", checkpoint, out])).stdout).toMatch(/cls pooling/);
    expect(JSON.parse(readFileSync(join(out, "1_Pooling/config.json"), "utf8"))).toMatchObject({
      pooling_mode_cls_token: true,
      pooling_mode_mean_tokens: false,
    });
    const got = await (await embedderFor(out)).embed(TEXTS);
    const extractor = await pipeline("feature-extraction", direct, {
      dtype: "fp32",
      local_files_only: true,
    });
    for (const [i, text] of TEXTS.entries()) {
      const cls = (await extractor(text, { pooling: "cls", normalize: true })).data as Float32Array;
      const mean = (await extractor(text, { pooling: "mean", normalize: true }))
        .data as Float32Array;
      for (let d = 0; d < cls.length; d++) expect(got[i]![d]).toBeCloseTo(cls[d]!, 6);
      if (text.length > 1) expect(got[i]).not.toEqual(mean);
    }
  });

  it("refuses a checkpoint that is not BERT, saying what is supported, and writes nothing", async () => {
    const root = tempDir();
    const { checkpoint } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    const config = JSON.parse(readFileSync(join(checkpoint, "config.json"), "utf8"));
    writeFileSync(
      join(checkpoint, "config.json"),
      JSON.stringify({ ...config, model_type: "xlm-roberta" }),
    );
    const out = join(root, "imported");
    const result = await run(["model", "import", checkpoint, out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"model_type": "xlm-roberta"/);
    expect(result.stderr).toMatch(/"model_type": "bert"/);
    expect(result.stderr).toMatch(
      /all-MiniLM-L6-v2, BAAI\/bge-small-en-v1.5, intfloat\/e5-small-v2/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses max pooling, and a checkpoint with only pytorch_model.bin, saying what to do", async () => {
    const root = tempDir();
    const { checkpoint } = writeSyntheticCheckpoint(root, { pooling: "mean" });
    writeFileSync(
      join(checkpoint, "1_Pooling/config.json"),
      JSON.stringify({ pooling_mode_max_tokens: true }),
    );
    const maxPooling = await run(["model", "import", checkpoint, join(root, "a")]);
    expect(maxPooling.code).toBe(1);
    expect(maxPooling.stderr).toMatch(/pooling_mode_max_tokens/);

    writeFileSync(join(checkpoint, "1_Pooling/config.json"), "{}");
    renameSync(join(checkpoint, "model.safetensors"), join(checkpoint, "pytorch_model.bin"));
    const binOnly = await run(["model", "import", checkpoint, join(root, "b")]);
    expect(binOnly.code).toBe(1);
    expect(binOnly.stderr).toMatch(/no model.safetensors.*safe_serialization=True/);
    expect(existsSync(join(root, "b"))).toBe(false);
  });

  it("wrong usage exits 2", async () => {
    expect((await run(["model", "import", "only-one-folder"])).code).toBe(2);
    expect((await run(["model", "export", "a", "b"])).code).toBe(2);
  });
});

describe("parseSafetensors", () => {
  const file = (header: object, data: number[]) => {
    const json = new TextEncoder().encode(JSON.stringify(header));
    const bytes = new Uint8Array(8 + json.length + data.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    bytes.set(data, 8 + json.length);
    return bytes;
  };

  it("widens F16 and BF16 to float32", () => {
    // 1.0, -2.0 in float16 (0x3c00, 0xc000) and 1.0, 0.5 in bfloat16 (0x3f80, 0x3f00), little-endian.
    const parsed = parseSafetensors(
      file(
        {
          half: { dtype: "F16", shape: [2], data_offsets: [0, 4] },
          brain: { dtype: "BF16", shape: [2], data_offsets: [4, 8] },
        },
        [0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f, 0x00, 0x3f],
      ),
    );
    expect(parsed.names).toEqual(["half", "brain"]);
    expect([...parsed.floatTensor("half").values]).toEqual([1, -2]);
    expect([...parsed.floatTensor("brain").values]).toEqual([1, 0.5]);
  });

  it("rejects a header length past the end, and a byte range that does not fit the shape", () => {
    const truncated = file({ w: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, [0, 0, 0, 0]);
    expect(() => parseSafetensors(truncated.subarray(0, 12), "m.safetensors")).toThrow(
      /header length/,
    );
    expect(() => parseSafetensors(truncated, "m.safetensors").floatTensor("w")).toThrow(
      /byte range/,
    );
  });
});
