import type { Paper } from "../corpus/types.ts";

/**
 * What collections and exports ask of the index (a port: an adapter answers it from whichever
 * store serves). Asynchronous, so that any store can answer it.
 */
export interface PaperSource {
  /**
   * The papers among `ids` that the index holds, in the order asked (pass distinct ids); ids it
   * does not hold are left out, never an error. Each carries what the corpus says of it: title,
   * abstract, and authors, year, categories, DOI, URL and other metadata where it has them.
   * One look-up for the whole list (callers ask for up to 10,000 ids at once).
   */
  papers(ids: readonly string[]): Promise<Paper[]>;
}
