/** The citation formats `/api/export`, a collection's export and `paperchat export` write. */
export const EXPORT_FORMATS = ["bibtex", "ris", "csl-json"] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is served as, and the file name extension it is saved with. */
export const EXPORT_FILES: Record<ExportFormat, { contentType: string; extension: string }> = {
  bibtex: { contentType: "application/x-bibtex; charset=utf-8", extension: "bib" },
  ris: { contentType: "application/x-research-info-systems; charset=utf-8", extension: "ris" },
  "csl-json": {
    contentType: "application/vnd.citationstyles.csl+json; charset=utf-8",
    extension: "json",
  },
};

/**
 * Whether a text names an export format.
 *
 * @example
 * isExportFormat("ris"); // true
 */
export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}
