import { tokenize } from "../contract/tokenize.ts";
import { type ExportPaper, nameParts } from "./export-paper.ts";

/** Lower-case ASCII letters and digits of a text, accents folded ("Balázs" → "balazs"). */
function keyPart(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The key of one paper before duplicates are told apart: author, year, first title word. */
function baseKey(paper: ExportPaper): string {
  const author = paper.authors?.[0];
  const family = author === undefined ? "" : keyPart(nameParts(author).family);
  const word =
    tokenize(paper.title)
      .map(keyPart)
      .find((part) => part !== "") ?? "";
  const key = `${family}${paper.year ?? ""}${word}`;
  return /^[a-z]/.test(key) ? key : `paper${key}`;
}

/** The suffix of the n-th (0-based) paper sharing a key: a … z, then aa, ab, … */
function suffix(n: number): string {
  const letter = String.fromCharCode(97 + (n % 26));
  return n < 26 ? letter : `${suffix(Math.floor(n / 26) - 1)}${letter}`;
}

/**
 * Citation keys for papers, in the order given: the first author's family name, the year and
 * the first word of the title that is a search term (`lovelace1843note`), each part only where
 * the paper has it, in ASCII letters and digits. Papers that would share a key are told apart
 * with a, b, c, … in the order given, so the same list always gets the same keys.
 *
 * @example
 * citationKeys([
 *   { id: "1", title: "Graph networks", authors: ["Ada Lovelace"], year: 2020 },
 *   { id: "2", title: "Graph kernels", authors: ["Ada Lovelace"], year: 2020 },
 * ]); // ["lovelace2020grapha", "lovelace2020graphb"]
 */
export function citationKeys(papers: readonly ExportPaper[]): string[] {
  const bases = papers.map(baseKey);
  const counts = new Map<string, number>();
  for (const key of bases) counts.set(key, (counts.get(key) ?? 0) + 1);
  // Keys already given: a key told apart by a suffix never takes another paper's key.
  const taken = new Set(bases.filter((key) => counts.get(key) === 1));
  const next = new Map<string, number>();
  return bases.map((key) => {
    if (counts.get(key) === 1) return key;
    let n = next.get(key) ?? 0;
    let candidate = `${key}${suffix(n++)}`;
    while (taken.has(candidate)) candidate = `${key}${suffix(n++)}`;
    next.set(key, n);
    taken.add(candidate);
    return candidate;
  });
}
