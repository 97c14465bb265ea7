import type { ExportFormat } from "../contract/export-format.ts";
import { toBibtex } from "./bibtex.ts";
import { toCslJson } from "./csl-json.ts";
import type { ExportPaper } from "./export-paper.ts";
import { toRis } from "./ris.ts";

/** Each format's writer. */
const WRITERS: Record<ExportFormat, (papers: readonly ExportPaper[]) => string> = {
  bibtex: toBibtex,
  ris: toRis,
  "csl-json": (papers) => `${JSON.stringify(toCslJson(papers), null, 2)}\n`,
};

/**
 * Papers as the text of a citation file in `format` (see {@link toBibtex}, {@link toRis}, {@link toCslJson}).
 *
 * @example
 * formatPapers([{ id: "math/0501001", title: "Counting lattice paths" }], "ris");
 */
export function formatPapers(papers: readonly ExportPaper[], format: ExportFormat): string {
  return WRITERS[format](papers);
}
