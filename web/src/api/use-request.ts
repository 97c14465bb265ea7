import { useCallback, useEffect, useState } from "react";
import { requestJson } from "./request-json.ts";

export interface RequestState<T> {
  data?: T;
  /** A sentence for the person when the request failed. */
  error?: string;
  loading: boolean;
  /** Asks again (after an error, say). */
  reload: () => void;
}

/**
 * Fetches JSON from `path` while the component is mounted; a new path aborts the old request.
 * `null` fetches nothing.
 *
 * @example
 * const { data, error, loading } = useRequest<Paper>(`/api/papers/${id}`);
 */
export function useRequest<T>(path: string | null): RequestState<T> {
  const [state, setState] = useState<Omit<RequestState<T>, "reload">>({ loading: path !== null });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger.
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ loading: true });
    requestJson<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  return { ...state, reload };
}
