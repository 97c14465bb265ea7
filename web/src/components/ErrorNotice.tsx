export interface ErrorNoticeProps {
  message: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** An error the person must see (a refused question, a server that is down), with what to do. */
export function ErrorNotice({ message, onRetry, onDismiss }: ErrorNoticeProps) {
  return (
    <div className="error-notice" role="alert">
      <p>{message}</p>
      <div className="error-actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
        {onDismiss && (
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
