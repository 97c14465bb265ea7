import type { Collection, RecommendResponse } from "@contract/collections.ts";
import type { FilterFields } from "@contract/filter-fields.ts";
import { useEffect, useState } from "react";
import { collectionsApi } from "../api/collections-api.ts";
import { questionTerms } from "../text/term-segments.ts";
import { HighlightedText } from "./HighlightedText.tsx";
import { useOpenPaper } from "./open-paper-context.ts";
import { PaperFactsLine } from "./PaperFactsLine.tsx";
import { SaveControl } from "./SaveControl.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface RecommendedPapersProps {
  collection: Collection;
  filter: FilterFields;
  /** How many papers to recommend. */
  k?: number;
}

type Recommending =
  | { state: "loading" }
  | { state: "done"; response: RecommendResponse }
  | { state: "failed"; message: string };

const HOW: Record<RecommendResponse["ranking"], string> = {
  nearness: "nearest to the papers saved here",
  classifier: "ranked by a classifier trained on the papers saved here",
  lexical: "by the words of the papers saved here (keyword search only)",
};

/**
 * Papers like the collection's (`GET /api/collections/:name/recommend`), each with why: the
 * saved papers it is closest to, and its sentences that match the nearest of them.
 */
export function RecommendedPapers({ collection, filter, k = 10 }: RecommendedPapersProps) {
  const openPaper = useOpenPaper();
  const [recommending, setRecommending] = useState<Recommending>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const titles = new Map(collection.papers.map((paper) => [paper.id, paper.title]));
  const papersKey = collection.papers.map((paper) => paper.id).join("\n");
  const filterKey = JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys stand for what they name.
  useEffect(() => {
    const controller = new AbortController();
    setRecommending({ state: "loading" });
    collectionsApi.recommend(collection.name, k, filter, controller.signal).then(
      (response) => setRecommending({ state: "done", response }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRecommending({ state: "failed", message: (error as Error).message ?? String(error) });
      },
    );
    return () => controller.abort();
  }, [collection.name, papersKey, filterKey, k, attempt]);

  if (recommending.state === "loading") return <StatusLine>Finding papers like these…</StatusLine>;
  if (recommending.state === "failed") {
    return <StatusLine error={recommending.message} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  const { results, ranking } = recommending.response;
  if (results.length === 0) {
    return <StatusLine>Save papers here to get recommendations.</StatusLine>;
  }
  return (
    <>
      <p className="muted">{`${results.length} papers, ${HOW[ranking]}.`}</p>
      <ol className="recommendations" aria-label={`Recommended for ${collection.name}`}>
        {results.map((result) => {
          const near = result.near.map((id) => titles.get(id) ?? id);
          const terms = questionTerms(near[0] ?? "");
          return (
            <li key={result.id} className="source-card">
              <header className="source-card-header">
                <h4 className="source-title">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openPaper(result.id)}
                  >
                    {result.title}
                  </button>
                </h4>
                <span className="score" title="How well it fits the collection">
                  fit {result.score.toFixed(2)}
                </span>
              </header>
              <PaperFactsLine facts={result} title={result.title} />
              <p className="why">
                <span className="muted">Why: near </span>
                {near.map((title, i) => (
                  <span key={result.near[i]} className="near-paper">
                    {title}
                  </span>
                ))}
              </p>
              <ul className="snippets" aria-label="Matching sentences">
                {result.snippets.map((snippet) => (
                  <li key={snippet.start} className="snippet-text">
                    <HighlightedText text={snippet.text} terms={terms} />
                  </li>
                ))}
              </ul>
              <div className="card-actions">
                <SaveControl paperId={result.id} title={result.title} />
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
