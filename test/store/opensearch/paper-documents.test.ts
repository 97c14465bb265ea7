import { describe, expect, it } from "vitest";
import { paperRecordOf } from "../../../src/indexing/paper-record-of.ts";
import { cachedEmbeddingOf, paperDocument } from "../../../src/store/opensearch/paper-documents.ts";

const paper = {
  id: "2401.00001",
  title: "A paper",
  abstract: "The first sentence. The second sentence.",
};

/** A vector of every magnitude a float32 takes, with zero, signs and the extremes. */
function vectorOfAllMagnitudes(): Float32Array {
  const values = [0, 1, -1, 0.5, 3.4e38, -1.17549435e-38, 1e-45, 0.999999940395];
  let seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const exponent = (seed % 60) - 40;
    values.push((seed / 2 ** 31 - 0.5) * 10 ** exponent);
  }
  return Float32Array.from(values);
}

describe("a paper document's vector", () => {
  it("comes back from its JSON as the same float32s, in at most 9 significant digits each", () => {
    const vector = vectorOfAllMagnitudes();
    const embedding = { hash: "h", paper: vector, sentences: new Uint8Array(8) };
    const doc = paperDocument({ row: 0, part: 1, record: paperRecordOf(paper), embedding });
    const read = JSON.parse(JSON.stringify(doc));

    expect(cachedEmbeddingOf(read)!.paper).toEqual(vector);
    // toExponential() with no argument writes the digits the number needs: its significant ones.
    const digits = (read.vector as number[]).map(
      (value) => value.toExponential().replace(/e.*$|[-.]/g, "").length,
    );
    expect(Math.max(...digits)).toBeLessThanOrEqual(9);
  });
});
