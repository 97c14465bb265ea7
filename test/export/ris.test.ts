import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/corpus/types.ts";
import { toRis } from "../../src/export/ris.ts";
import { AWKWARD_PAPERS, arxivSamplePapers, bundledPapers } from "./support/export-corpora.ts";

/** The records of an RIS file, each as its tagged lines, checking the layout on the way. */
function records(text: string): [string, string][][] {
  expect(text.endsWith("ER  - \r\n")).toBe(true);
  const lines = text.split("\r\n");
  expect(lines.pop()).toBe("");
  const parsed: [string, string][][] = [[]];
  for (const line of lines) {
    if (line === "") {
      parsed.push([]);
      continue;
    }
    const match = /^([A-Z][A-Z0-9]) {2}- (.*)$/.exec(line);
    expect(match, JSON.stringify(line)).not.toBeNull();
    expect(match![2]).not.toMatch(/[\r\n\t]/);
    parsed.at(-1)!.push([match![1]!, match![2]!]);
  }
  for (const record of parsed) {
    expect(record[0]).toEqual(["TY", "GEN"]);
    expect(record.at(-1)).toEqual(["ER", ""]);
  }
  return parsed;
}

const values = (record: [string, string][], tag: string) =>
  record.filter(([name]) => name === tag).map(([, value]) => value);

function expectCarried(papers: readonly Paper[]) {
  const parsed = records(toRis(papers));
  expect(parsed).toHaveLength(papers.length);
  parsed.forEach((record, i) => {
    const paper = papers[i]!;
    expect(values(record, "TI")).toEqual([paper.title.replace(/\s+/g, " ").trim()]);
    expect(values(record, "AU")).toHaveLength(paper.authors?.length ?? 0);
    expect(values(record, "PY")).toEqual(paper.year === undefined ? [] : [String(paper.year)]);
    expect(values(record, "DO")).toEqual(paper.doi === undefined ? [] : [paper.doi]);
    expect(values(record, "UR")).toEqual(paper.url === undefined ? [] : [paper.url]);
    expect(values(record, "ID")).toHaveLength(1);
  });
  return parsed;
}

describe("RIS", () => {
  it("writes one well-formed record per paper, TY first and ER last, CRLF line ends", async () => {
    expectCarried(await bundledPapers());
    expectCarried(AWKWARD_PAPERS);
  });

  it("carries authors as Family, Given and the arXiv id as a note", async () => {
    const [diphoton, lattice] = expectCarried(await arxivSamplePapers());
    expect(values(diphoton!, "AU")).toEqual([
      "Balázs, C.",
      "Berger, E. L.",
      "Nadolsky, P. M.",
      "Yuan, C. -P.",
    ]);
    expect(values(diphoton!, "N1")).toEqual(["arXiv:0704.0001"]);
    expect(values(diphoton!, "KW")).toEqual(["hep-ph"]);
    expect(values(lattice!, "N1")).toEqual(["arXiv:math/0501001"]);
  });
});
