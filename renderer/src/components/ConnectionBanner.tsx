/** Shown while the engine cannot be reached; what is on screen stays readable, and Retry checks again. */
import { useState } from "react";
import { useConnection } from "../api/ApiContext.tsx";
import { Icon } from "./Icon.tsx";

export function ConnectionBanner() {
    const { lost, retry } = useConnection();
    const [retrying, setRetrying] = useState(false);
    if (!lost) return null;
    return (
        <div className="connection-banner" role="alert" data-testid="connection-lost">
            <Icon name="alert" />
            <span>
                <strong>Connection to Enclave lost.</strong> The engine is not answering; it may have been closed. Your documents and chats are safe.
            </span>
            <button
                type="button"
                className="button small"
                disabled={retrying}
                onClick={async () => {
                    setRetrying(true);
                    await retry();
                    setRetrying(false);
                }}
                data-testid="connection-retry"
            >
                {retrying ? "Retrying…" : "Retry"}
            </button>
        </div>
    );
}
