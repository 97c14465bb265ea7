import type { ReactNode } from "react";

export interface StatusLineProps {
  /** A loading or empty-state message. */
  children?: ReactNode;
  /** An error sentence; shown as an alert instead of `children`. */
  error?: string;
  onRetry?: () => void;
}

/** One line of loading, empty or error state, announced to screen readers. */
export function StatusLine({ children, error, onRetry }: StatusLineProps) {
  if (error) {
    return (
      <p className="status-line error" role="alert">
        {error}
        {onRetry && (
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        )}
      </p>
    );
  }
  return (
    <p className="status-line" role="status">
      {children}
    </p>
  );
}
