import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
/** The documents whose links must resolve: the README and everything in docs/. */
const DOCUMENTS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** Markdown without its fenced code blocks, where `#` starts no heading. */
const withoutFences = (markdown: string) => markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "");

/** Markdown without code of any kind, where brackets are not links. */
const prose = (markdown: string) => withoutFences(markdown).replace(/`[^`\n]*`/g, "");

/** GitHub's anchors for a document's headings (lower case, punctuation dropped, spaces to -). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/**
 * The relative link and image targets of a document that do not resolve: to no file in the
 * repository, or to no heading of the file their `#anchor` names.
 */
function brokenLinks(file: string, markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)];
  return targets
    .map(([, target]) => target!)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target))
    .filter((target) => {
      const [path, anchor] = target.split("#", 2) as [string, string | undefined];
      if (!path) return !anchorsOf(markdown).has(anchor!);
      const resolved = resolve(ROOT, dirname(file), decodeURI(path));
      if (relative(ROOT, resolved).startsWith("..") || !existsSync(resolved)) return true;
      if (anchor === undefined || statSync(resolved).isDirectory()) return false;
      return !anchorsOf(readFileSync(resolved, "utf8")).has(anchor);
    });
}

describe("links in the README and docs/", () => {
  it.each(DOCUMENTS)("%s: every relative link and image resolves", (file) => {
    expect(brokenLinks(file, readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("finds missing files, missing headings and links outside the repository, not code", () => {
    const markdown = [
      "# A heading: with `code`",
      "[ok](#a-heading-with-code) [file](docs/api.md) ![img](docs/screenshot.png)",
      "[gone](docs/missing.md) [no heading](#nowhere) [outside](../../etc/passwd)",
      "[web](https://example.org/x) `[code](missing.md)`",
      "```",
      "[fenced](missing.md)",
      "```",
    ].join("\n");
    expect(brokenLinks("README.md", markdown)).toEqual([
      "docs/missing.md",
      "#nowhere",
      "../../etc/passwd",
    ]);
  });
});
