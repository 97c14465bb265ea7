import { EXPORT_FILES, EXPORT_FORMATS, type ExportFormat } from "@contract/export-format.ts";
import { useState } from "react";
import { collectionsApi } from "../api/collections-api.ts";
import { downloadFile } from "../api/download-file.ts";
import { StatusLine } from "./StatusLine.tsx";

/** What each format's button says. */
const LABELS: Record<ExportFormat, string> = {
  bibtex: "BibTeX",
  ris: "RIS",
  "csl-json": "CSL-JSON",
};

/** One button per citation format, each downloading the collection as a file. */
export function ExportButtons({ name }: { name: string }) {
  const [error, setError] = useState<string>();
  const download = async (format: ExportFormat) => {
    setError(undefined);
    try {
      await downloadFile(
        collectionsApi.exportPath(name, format),
        `${name}.${EXPORT_FILES[format].extension}`,
      );
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <fieldset className="export-buttons">
      <legend>Export</legend>
      {EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          aria-label={`Export ${name} as ${LABELS[format]}`}
          onClick={() => void download(format)}
        >
          {LABELS[format]}
        </button>
      ))}
      {error && <StatusLine error={error} />}
    </fieldset>
  );
}
