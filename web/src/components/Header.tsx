import type { Health } from "@contract/health.ts";
import type { RequestState } from "../api/use-request.ts";

export interface HeaderProps {
  health: RequestState<Health>;
  /** Offered only while the page holds an API key: drops it from the tab. */
  onForgetKey?: () => void;
}

/**
 * The title bar: corpus size and whether semantic search is on (when off, why and how to turn
 * it on), or that the server is down; "Forget API key" while the page holds one.
 */
export function Header({ health, onForgetKey }: HeaderProps) {
  const { data, error, loading, reload } = health;
  return (
    <header className="app-header">
      <h1>paperchat</h1>
      <div className="header-end">
        <p className="corpus-status" role="status" aria-live="polite">
          {loading && "Connecting…"}
          {error && (
            <>
              <span className="badge off">Server unreachable</span>
              <button type="button" className="link-button" onClick={reload}>
                Retry
              </button>
            </>
          )}
          {data && (
            <>
              <span className="badge">{data.papers} papers</span>
              <span
                className={data.semantic ? "badge on" : "badge off"}
                title={data.semantic ? `Model ${data.model}, ${data.dims} dimensions` : undefined}
              >
                semantic search {data.semantic ? "on" : "off"}
              </span>
            </>
          )}
        </p>
        {data && !data.semantic && data.semantic_off_reason && (
          <p className="semantic-off">Searching by keywords only. {data.semantic_off_reason}</p>
        )}
        {onForgetKey && (
          <button type="button" className="link-button" onClick={onForgetKey}>
            Forget API key
          </button>
        )}
      </div>
    </header>
  );
}
