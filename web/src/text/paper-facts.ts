/** Authors a card names before "et al.". */
export const AUTHORS_SHOWN = 3;

/**
 * The authors as a card shows them: the first few, then "et al." when there are more.
 *
 * @example
 * authorLine(["A. One", "B. Two", "C. Three", "D. Four"]); // "A. One, B. Two, C. Three et al."
 */
export function authorLine(authors: readonly string[], shown = AUTHORS_SHOWN): string {
  const named = authors.slice(0, shown).join(", ");
  return authors.length > shown ? `${named} et al.` : named;
}

/**
 * What a paper's link is called: its arXiv abstract page, its DOI, or any other page.
 *
 * @example
 * linkLabel("https://arxiv.org/abs/2401.12345"); // "arXiv"
 * linkLabel("https://doi.org/10.1103/PhysRevD.76.013009"); // "DOI"
 */
export function linkLabel(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return "Link";
  }
  if (host === "arxiv.org" || host.endsWith(".arxiv.org")) return "arXiv";
  if (host === "doi.org" || host === "dx.doi.org") return "DOI";
  return "Link";
}
