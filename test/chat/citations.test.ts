import { describe, expect, it } from "vitest";
import { createCitationFilter, removeInventedCitations } from "../../src/chat/citations.ts";

describe("removeInventedCitations", () => {
  it.each([
    ["keeps valid citations", "Fast [1] and small [3].", "Fast [1] and small [3]."],
    ["drops a citation beyond the sources", "Fast [1] and small [7].", "Fast [1] and small."],
    ["drops citation zero", "Fast [0].", "Fast."],
    ["keeps the valid part of a group", "Both [2, 9].", "Both [2]."],
    ["drops a group with no valid number", "Both [8,9] agree.", "Both agree."],
    ["keeps a range inside the sources", "All [1 - 3] agree.", "All [1-3] agree."],
    ["drops a range reaching past the sources", "All [1-7] agree [2].", "All agree [2]."],
    ["drops a backwards range", "All [3-1].", "All."],
    ["keeps the valid items of a mixed group", "See [2, 3-9, 1–2].", "See [2, 1–2]."],
    ["leaves other brackets alone", "Use [x] and [1.5] here [2].", "Use [x] and [1.5] here [2]."],
    [
      "leaves a bracket with spaces inside alone, as the page does",
      "Use [ 7 ] here.",
      "Use [ 7 ] here.",
    ],
  ])("%s", (_, text, expected) => {
    expect(removeInventedCitations(text, 3)).toBe(expected);
  });
});

describe("createCitationFilter", () => {
  const run = (deltas: string[], sources = 3) => {
    const filter = createCitationFilter(sources);
    const shown = deltas.map((delta) => filter.push(delta));
    return { shown, text: shown.join("") + filter.flush() };
  };

  it("holds back a range until it is complete", () => {
    expect(run(["All [1", "-", "7] agree [1-", "2]."]).text).toBe("All agree [1-2].");
  });

  it("judges a citation split across deltas as a whole", () => {
    expect(run(["Fast [", "1", "2] and small [", "2]."]).text).toBe("Fast and small [2].");
  });

  it("holds back only what could still become a citation", () => {
    const { shown } = run(["Fast and", " small [", "2] now"]);
    expect(shown).toEqual(["Fast and", " small", " [2] now"]);
  });

  it("releases a held-back tail when the stream ends", () => {
    expect(run(["unfinished [1"]).text).toBe("unfinished [1");
  });

  it("releases a long bracket that cannot be a citation", () => {
    const long = `[${"1, ".repeat(20)}`;
    expect(run(["See ", long, "x"]).text).toBe(`See ${long}x`);
  });
});
