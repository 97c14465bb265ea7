import { describe, expect, it } from "vitest";
import { citationKeys } from "../../src/export/citation-keys.ts";
import { arxivIdOf, nameParts } from "../../src/export/export-paper.ts";

describe("what the exporters read of a paper", () => {
  it("finds the arXiv id in the paper's own id, or in its link to arXiv", () => {
    const paper = (id: string, url?: string) => ({ id, title: "T", ...(url && { url }) });
    expect(arxivIdOf(paper("0704.0001"))).toBe("0704.0001");
    expect(arxivIdOf(paper("math/0501001"))).toBe("math/0501001");
    expect(arxivIdOf(paper("hep-th/9901001v2"))).toBe("hep-th/9901001v2");
    expect(arxivIdOf(paper("slug-1a2b3c", "https://arxiv.org/abs/2401.12345"))).toBe("2401.12345");
    expect(arxivIdOf(paper("slug-1a2b3c", "https://doi.org/10.1/x"))).toBeUndefined();
    expect(arxivIdOf(paper("lightgcn-simplifying-and-powering-graph-9e6c4d"))).toBeUndefined();
  });

  it("splits names into family and given names", () => {
    expect(nameParts("C. -P. Yuan")).toEqual({ family: "Yuan", given: "C. -P." });
    expect(nameParts("Lovelace, Ada")).toEqual({ family: "Lovelace", given: "Ada" });
    expect(nameParts("Plato")).toEqual({ family: "Plato" });
  });

  it("keys papers by first author, year and first title term, suffixes telling twins apart", () => {
    const paper = (id: string, title: string, year?: number, authors?: string[]) => ({
      id,
      title,
      ...(year && { year }),
      ...(authors && { authors }),
    });
    expect(
      citationKeys([
        paper("1", "The Graph networks", 2020, ["Émile Noël"]),
        paper("2", "Graph kernels", 2020, ["Émile Noël"]),
        paper("3", "Graph", undefined, ["Noël, Émile"]),
        paper("4", "2020 vision"),
        paper("5", "noel2020grapha"),
        paper("6", "?!"),
      ]),
    ).toEqual([
      "noel2020graphb",
      "noel2020graphc",
      "noelgraph",
      "paper2020",
      "noel2020grapha",
      "paper",
    ]);
  });
});
