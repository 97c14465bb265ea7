import { describe, expect, it } from "vitest";
import { authorLine, linkLabel } from "../../web/src/text/paper-facts.ts";

describe("authorLine", () => {
  it("names up to three authors, then et al.", () => {
    expect(authorLine(["A. One"])).toBe("A. One");
    expect(authorLine(["A. One", "B. Two", "C. Three"])).toBe("A. One, B. Two, C. Three");
    expect(authorLine(["A. One", "B. Two", "C. Three", "D. Four"])).toBe(
      "A. One, B. Two, C. Three et al.",
    );
    expect(authorLine(["A. One", "B. Two"], 1)).toBe("A. One et al.");
  });
});

describe("linkLabel", () => {
  it("names arXiv abstract pages and DOI links, anything else is a link", () => {
    expect(linkLabel("https://arxiv.org/abs/math/0501001")).toBe("arXiv");
    expect(linkLabel("https://export.arxiv.org/abs/2401.12345")).toBe("arXiv");
    expect(linkLabel("https://doi.org/10.1103/PhysRevD.76.013009")).toBe("DOI");
    expect(linkLabel("https://example.org/paper.pdf")).toBe("Link");
    expect(linkLabel("not a url")).toBe("Link");
  });
});
