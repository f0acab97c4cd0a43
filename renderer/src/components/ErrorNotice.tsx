/** An error from the engine, in its own words, with an optional way to try again. */
import type { UserError } from "../api/errors.ts";
import { Icon } from "./Icon.tsx";

interface ErrorNoticeProps {
    error: UserError;
    title?: string;
    onRetry?: () => void;
}

export function ErrorNotice({ error, title = "Something went wrong", onRetry }: ErrorNoticeProps) {
    return (
        <div className="notice notice-error" role="alert" data-testid="error-message" data-code={error.code}>
            <Icon name="alert" className="notice-icon" />
            <div className="notice-content">
                <strong>{title}</strong>
                <p>{error.message}</p>
            </div>
            {onRetry && (
                <button type="button" className="button small" onClick={onRetry}>
                    Try again
                </button>
            )}
        </div>
    );
}
