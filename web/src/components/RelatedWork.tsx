import type { FilterFields } from "@contract/filter-fields.ts";
import type { SearchResponse } from "@contract/search-response.ts";
import { type FormEvent, useId, useState } from "react";
import { requestJson } from "../api/request-json.ts";
import { questionTerms } from "../text/term-segments.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { SourceList } from "./SourceList.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface RelatedWorkProps {
  /** How many papers to list. */
  k?: number;
  /** Only papers that pass (year range, category). */
  filter?: FilterFields;
}

type Search =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "done"; response: SearchResponse }
  | { state: "failed"; message: string };

/** Paste a draft abstract, get the most related papers in the corpus (`POST /api/search`). */
export function RelatedWork({ k = 10, filter = {} }: RelatedWorkProps) {
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const inputId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const query = draft.trim();
    if (!query) return;
    setSearch({ state: "loading" });
    try {
      const response = await requestJson<SearchResponse>("/api/search", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, k, ...filter }),
      });
      setSearch({ state: "done", response });
    } catch (error) {
      setSearch({
        state: "failed",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return (
    <section className="related-work" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Find related work</h2>
      <form onSubmit={onSubmit}>
        <label htmlFor={inputId}>Paste your draft abstract</label>
        <textarea
          id={inputId}
          rows={8}
          value={draft}
          placeholder="We propose…"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="primary-button"
          disabled={!draft.trim() || search.state === "loading"}
        >
          Find related work
        </button>
      </form>
      {search.state === "loading" && <StatusLine>Searching the papers…</StatusLine>}
      {search.state === "failed" && <ErrorNotice message={search.message} />}
      {search.state === "done" &&
        (search.response.results.length > 0 ? (
          <SourceList
            sources={search.response.results}
            anchorPrefix="related"
            terms={questionTerms(search.response.query)}
            label="Related papers"
          />
        ) : (
          <StatusLine>No related papers found.</StatusLine>
        ))}
    </section>
  );
}
