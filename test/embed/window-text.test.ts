import { AutoTokenizer } from "@huggingface/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import { type WindowTokenizer, windowText } from "../../src/embed/window-text.ts";
import { TINY_MODEL } from "../support/tiny-index.ts";

describe("windowText (cutting long texts as sentence-transformers does)", () => {
  let tokenizer: WindowTokenizer;
  beforeAll(async () => {
    tokenizer = (await AutoTokenizer.from_pretrained(TINY_MODEL, {
      local_files_only: true,
    })) as unknown as WindowTokenizer;
  });

  it("leaves a text that fits the window alone", () => {
    const toWindow = windowText(tokenizer, 16);
    expect(toWindow("graph neural networks")).toBe("graph neural networks");
  });

  it("cuts a longer text to the tokens that fit, so it encodes to them plus [CLS] and [SEP]", () => {
    const maxTokens = 16;
    const text =
      "Graph convolution networks have become the standard for collaborative filtering, but their design is inherited from node classification.";
    const full = tokenizer.encode(text);
    expect(full.length).toBeGreaterThan(maxTokens);
    const cut = tokenizer.encode(windowText(tokenizer, maxTokens)(text));
    expect(cut).toHaveLength(maxTokens);
    expect(cut.slice(0, -1)).toEqual(full.slice(0, maxTokens - 1));
    // The last token is [SEP] (as in the full encoding), not the 16th token of the text.
    expect(cut.at(-1)).toBe(full.at(-1));
    expect(cut.at(-1)).not.toBe(full[maxTokens - 1]);
  });
});
