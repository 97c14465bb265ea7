import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/contract/tokenize.ts";
import { paperRecordOf } from "../../src/indexing/paper-record-of.ts";

/** Abstracts cut at `.`, `!`, `?`, `…`, quotes, paragraph breaks, abbreviations, or not at all. */
const ABSTRACTS = [
  "We propose LightGCN. It simplifies GCN for recommendation!  Does it work? Yes…",
  "First paragraph without a stop\n\nSecond paragraph, e.g. with Fig. 2 and et al. 2020 in it.",
  "Results (see Sec. 3.1) improve by 4.5%. \u201cQuoted.\u201d Then: state-of-the-art, ΣΑΣ and Café.",
  "  Leading and trailing space.   ",
  "One sentence with no end",
];

describe("a paper's record", () => {
  it.each(ABSTRACTS)(
    "holds the abstract's terms, in order, as its sentences' terms: %j",
    (abstract) => {
      const record = paperRecordOf({ id: "x", title: "A title", abstract });

      expect(record.abstractTerms).toEqual(tokenize(abstract));
      expect(record.paper.sentences.length).toBeGreaterThan(0);
    },
  );
});
