import type { Health } from "../api/types.ts";
import type { RequestState } from "../api/use-request.ts";

export interface HeaderProps {
  health: RequestState<Health>;
}

/** The title bar: corpus size and whether semantic search is on, or that the server is down. */
export function Header({ health }: HeaderProps) {
  const { data, error, loading, reload } = health;
  return (
    <header className="app-header">
      <h1>paperchat</h1>
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
    </header>
  );
}
