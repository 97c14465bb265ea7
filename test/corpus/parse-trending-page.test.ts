import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CorpusError, parseTrendingPage } from "../../src/corpus/index.ts";

const FILE = "data/trending-papers.txt";
const page = readFileSync(FILE, "utf8");
const CHROME = [
  "new",
  "Get trending papers in your email inbox!",
  "Subscribe",
  "byAK and the research community",
  "Mar 11",
];

describe("parseTrendingPage on the bundled page", () => {
  const located = parseTrendingPage(page, FILE);
  const papers = located.map((l) => l.paper);

  it("finds exactly the 70 papers, first to last", () => {
    expect(papers).toHaveLength(70);
    expect(papers[0]?.title).toBe(
      "RCNet: Reverse Feature Pyramid and Cross-scale Shift Network for Object Detection",
    );
    expect(papers[0]?.abstract).toMatch(/^Feature pyramid networks \(FPN\) are widely exploited/);
    expect(papers[0]?.abstract).toMatch(/Codes will be made available\.$/);
    expect(papers.at(-1)?.title).toBe(
      "Ensemble One-dimensional Convolution Neural Networks for Skeleton-based Action Recognition",
    );
    expect(papers.at(-1)?.abstract).toMatch(/on three widely used datasets\.$/);
  });

  it("keeps titles that end in a question mark and abstracts that end without a full stop", () => {
    const titles = papers.map((p) => p.title);
    expect(titles).toContain(
      "Convergent Learning: Do different neural networks learn the same representations?",
    );
    const boss = papers.find((p) => p.title.startsWith("BossNAS"));
    expect(boss?.abstract.endsWith("github.com/changlin31/BossNAS")).toBe(true);
  });

  it("leaves out the page chrome", () => {
    for (const { title, abstract } of papers) {
      expect(CHROME).not.toContain(title);
      expect(CHROME).not.toContain(abstract);
    }
  });

  it("gives trimmed, non-empty titles and abstracts, each title on its own line", () => {
    for (const { title, abstract } of papers) {
      expect(title).toBe(title.trim());
      expect(abstract).toBe(abstract.trim());
      expect(title).not.toBe("");
      expect(abstract.length).toBeGreaterThan(title.length);
      expect(page).toContain(`\n${title}\n`);
      expect(`${page}\n`).toContain(`\n${abstract}\n`);
    }
  });

  it("points each paper at the line of its title", () => {
    const lines = page.split("\n");
    expect(located[0]?.line).toBe(11);
    for (const { paper, line, file } of located) {
      expect(file).toBe(FILE);
      expect(lines[line - 1]).toBe(paper.title);
    }
  });

  it("gives unique, URL-safe ids that are the same on every parse", () => {
    const ids = papers.map((p) => p.id);
    expect(new Set(ids).size).toBe(70);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]{1,48}$/);
    expect(parseTrendingPage(page, FILE).map((l) => l.paper.id)).toEqual(ids);
  });

  it("reads the same papers from CRLF line ends", () => {
    const crlf = parseTrendingPage(page.replace(/\n/g, "\r\n"), FILE).map((l) => l.paper);
    expect(crlf).toEqual(papers);
  });
});

describe("parseTrendingPage on other pages", () => {
  const abstract = (n: number) =>
    `${"This abstract describes a method in plain words and then reports results. ".repeat(4)}Variant ${n}.`;

  it("skips chrome it has never seen, wherever it is, and joins wrapped lines", () => {
    const text = [
      "Menu",
      "Trending this week.",
      "First Paper Title",
      abstract(1),
      "Advertisement",
      "Second Paper",
      `${abstract(2).slice(0, 100)}\n${abstract(2).slice(100)}`,
      "Footer: © 2024",
    ].join("\n\n");
    const papers = parseTrendingPage(text, "page.txt").map((l) => l.paper);
    expect(papers.map((p) => p.title)).toEqual(["First Paper Title", "Second Paper"]);
    expect(papers[1]?.abstract).toBe(
      `${abstract(2).slice(0, 100).trim()} ${abstract(2).slice(100).trim()}`,
    );
  });

  it("throws a CorpusError naming the file when there are no papers", () => {
    expect(() => parseTrendingPage("just\n\nsome\n\nlines", "empty.txt")).toThrow(CorpusError);
    expect(() => parseTrendingPage("", "empty.txt")).toThrow(/empty\.txt: no papers found/);
  });
});
