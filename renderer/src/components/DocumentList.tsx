/** The indexed documents of a collection; opening one shows it in the source viewer. */
import type { DocumentInfo } from "../../../src/core/api/contract.ts";
import type { UserError } from "../api/errors.ts";
import { fileName, formatBytes, formatWhen } from "../lib/format.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Spinner } from "./Spinner.tsx";

interface DocumentListProps {
    documents: DocumentInfo[] | undefined;
    error: UserError | null;
    onRetry: () => void;
    onOpen: (document: DocumentInfo) => void;
}

export function DocumentList({ documents, error, onRetry, onOpen }: DocumentListProps) {
    if (error) return <ErrorNotice error={error} title="Could not list the documents" onRetry={onRetry} />;
    if (!documents) return <Spinner label="Loading documents…" />;
    if (documents.length === 0) return <p className="muted">No documents indexed yet.</p>;
    return (
        <div className="table-wrap">
            <table className="table" data-testid="document-list">
                <thead>
                    <tr>
                        <th scope="col">Document</th>
                        <th scope="col">Type</th>
                        <th scope="col" className="numeric">
                            Pages
                        </th>
                        <th scope="col" className="numeric">
                            Passages
                        </th>
                        <th scope="col" className="numeric">
                            Size
                        </th>
                        <th scope="col">Indexed</th>
                    </tr>
                </thead>
                <tbody>
                    {documents.map((document) => (
                        <tr key={document.docId} data-testid="document-row" data-doc-id={document.docId}>
                            <td>
                                <button type="button" className="link-button cell-title" onClick={() => onOpen(document)} title={document.path}>
                                    {document.title || fileName(document.path)}
                                </button>
                                <div className="cell-sub">{document.title ? fileName(document.path) : document.path}</div>
                            </td>
                            <td>
                                <span className="badge subtle">{document.fileType.toUpperCase()}</span>
                            </td>
                            <td className="numeric">{document.pages}</td>
                            <td className="numeric">{document.chunks}</td>
                            <td className="numeric">{formatBytes(document.size)}</td>
                            <td className="nowrap">{formatWhen(document.indexedAt)}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
        </div>
    );
}
