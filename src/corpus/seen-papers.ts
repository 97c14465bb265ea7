import { normalizeTitle } from "./normalize-title.ts";
import type { LocatedPaper, PaperOrigin, SkippedDuplicate } from "./types.ts";

/**
 * The papers kept so far while reading a corpus, by key: what recognises a duplicate. The keys
 * are plain strings (`id:<id>` and `title:<normalised title>`), so a store can keep them on disk
 * instead of in memory.
 */
export interface SeenPapers {
  /** The paper first remembered under `key`, if any. */
  firstWith(key: string): PaperOrigin | undefined;
  /** Remembers that the paper at `origin` was kept under `key`. */
  remember(key: string, origin: PaperOrigin): void;
}

/**
 * Seen papers held in memory (a Map): the default, fine up to a few hundred thousand papers.
 *
 * @example
 * const seen = createSeenPapers();
 * seen.remember("id:2401.00001", { id: "2401.00001", file: "a.jsonl", line: 1 });
 * seen.firstWith("id:2401.00001")?.line; // 1
 */
export function createSeenPapers(): SeenPapers {
  const origins = new Map<string, PaperOrigin>();
  return {
    firstWith: (key) => origins.get(key),
    remember: (key, origin) => void origins.set(key, origin),
  };
}

/**
 * The keys a paper is recognised by: its id, and its normalised title (see {@link normalizeTitle}).
 *
 * @example
 * seenKeysOf({ id: "x1", title: "A  New Paper!", abstract: "…" }); // { id: "id:x1", title: "title:a new paper" }
 */
export function seenKeysOf(paper: { id: string; title: string }): { id: string; title: string } {
  return { id: `id:${paper.id}`, title: `title:${normalizeTitle(paper.title)}` };
}

/**
 * Checks a paper against the papers seen before it: returns the duplicate report when one of
 * them shares its normalised title (checked first) or its id, and otherwise remembers it under
 * both keys and returns undefined.
 *
 * @example
 * const duplicate = rememberUnlessDuplicate(located, seen);
 * if (duplicate === undefined) keep(located.paper);
 */
export function rememberUnlessDuplicate(
  located: LocatedPaper,
  seen: SeenPapers,
): SkippedDuplicate | undefined {
  const { paper, file, line } = located;
  const keys = seenKeysOf(paper);
  const sameTitle = seen.firstWith(keys.title);
  const kept = sameTitle ?? seen.firstWith(keys.id);
  if (kept !== undefined) {
    const sameBy = sameTitle === undefined ? "id" : "title";
    return { title: paper.title, file, line, keptInstead: { ...kept, sameBy } };
  }
  const origin = { id: paper.id, file, line };
  seen.remember(keys.title, origin);
  seen.remember(keys.id, origin);
  return undefined;
}
