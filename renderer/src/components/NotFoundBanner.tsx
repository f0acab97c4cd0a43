/** An answer the documents do not hold: said plainly, with the engine's reasons. */
import { Icon } from "./Icon.tsx";

export function NotFoundBanner({ collection, notices }: { collection: string; notices: string[] }) {
    return (
        <div className="not-found" role="status" data-testid="not-found">
            <Icon name="search" className="not-found-icon" size={20} />
            <div>
                <strong>Not found in your documents</strong>
                <p>
                    Enclave searched “{collection}” but found no passage that answers this question, so it does not guess. Try other words, or add the
                    documents that hold the answer.
                </p>
                {notices.length > 0 && (
                    <ul className="plain-list small">
                        {notices.map((notice) => (
                            <li key={notice}>{notice}</li>
                        ))}
                    </ul>
                )}
            </div>
        </div>
    );
}
