/** The installed models, by kind, with what each kind is for. */
import type { InstalledModel, ModelKind } from "../../../src/core/models/ModelRegistry.ts";
import { formatBytes } from "../lib/format.ts";

export const MODEL_KINDS: Readonly<Record<ModelKind, { label: string; purpose: string }>> = {
    chat: { label: "Chat model", purpose: "Writes answers from the passages found." },
    embedder: { label: "Embedder", purpose: "Finds passages by meaning, not only by words." },
    reranker: { label: "Reranker", purpose: "Re-orders the passages found, best first." },
    lora: { label: "LoRA adapter", purpose: "Specialises a chat model for your field." },
};

const ORDER: ModelKind[] = ["chat", "embedder", "reranker", "lora"];

export function ModelTable({ models }: { models: InstalledModel[] }) {
    const sorted = [...models].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
    if (sorted.length === 0) return <p className="muted">No models were found.</p>;
    return (
        <table className="table" data-testid="model-table">
            <thead>
                <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="numeric">
                        Size
                    </th>
                </tr>
            </thead>
            <tbody>
                {sorted.map((model) => (
                    <tr key={model.path} data-testid="model-row" data-kind={model.kind}>
                        <td>
                            <div className="cell-title" title={model.path}>
                                {model.name}
                                {model.bundled && <span className="badge">Bundled</span>}
                            </div>
                            <div className="cell-sub">{model.format.toUpperCase()}</div>
                        </td>
                        <td>
                            <div>{MODEL_KINDS[model.kind].label}</div>
                            <div className="cell-sub">{MODEL_KINDS[model.kind].purpose}</div>
                        </td>
                        <td className="numeric">{formatBytes(model.sizeBytes)}</td>
                    </tr>
                ))}
            </tbody>
        </table>
    );
}
