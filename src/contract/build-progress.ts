/**
 * A step of a build, reported as it goes (drives the CLI's progress lines): `papers` is reading,
 * storing and embedding papers (each paper goes into the graph as its vector arrives); `write`
 * is the files' last step.
 *
 * @example
 * const onProgress = (p: BuildProgress) => console.log(`${p.phase} ${p.done}/${p.total}`);
 */
export interface BuildProgress {
  phase: "papers" | "write";
  done: number;
  /** An estimate while the corpus is still being read (from the bytes read so far). */
  total: number;
}
