import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

/** Every TypeScript file below a folder of the repository. */
function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const files = [...sources("src"), ...sources("web/src")];
const texts = new Map(files.map((file) => [file, readFileSync(file, "utf8")]));

/** What the code declares: functions, classes, consts, types and interfaces, by name. */
const declared = new Set(
  [...texts.values()].flatMap((text) =>
    [
      ...text.matchAll(
        /\b(?:function\*?|class|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
      ),
    ].map(([, name]) => name!),
  ),
);

describe("doc comments", () => {
  it("link only to functions, types and constants the code declares", () => {
    const broken: string[] = [];
    for (const [file, text] of texts) {
      for (const [, name] of text.matchAll(/\{@link\s+([A-Za-z_$][\w$]*)/g)) {
        if (!declared.has(name!)) broken.push(`${relative(ROOT, file)}: {@link ${name}}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("link to code at all (so the check above checks something)", () => {
    const links = [...texts.values()].join("\n").match(/\{@link\s/g) ?? [];
    expect(links.length).toBeGreaterThan(50);
  });
});
