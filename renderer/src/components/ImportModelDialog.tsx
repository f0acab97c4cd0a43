/**
 * Copies a model (a GGUF file or an ONNX model folder, e.g. from a USB drive) into Enclave's models folder,
 * showing the copy's progress and how its sha256 was checked.
 */
import { useRef, useState } from "react";
import { importModelRequest, type ImportedModel, type ImportModelRequest, type ImportProgress } from "../../../src/core/api/contract.ts";
import { useApi } from "../api/ApiContext.tsx";
import { isAborted, toUserError, type UserError } from "../api/errors.ts";
import { formatBytes } from "../lib/format.ts";
import { usePicker } from "../picker/PickerContext.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";
import { MODEL_KINDS } from "./ModelTable.tsx";
import { ProgressBar } from "./ProgressBar.tsx";

type Kind = NonNullable<ImportModelRequest["kind"]>;

export function ImportModelDialog({ onClose, onImported }: { onClose: () => void; onImported: (model: ImportedModel) => void }) {
    const { api } = useApi();
    const picker = usePicker();
    const [path, setPath] = useState("");
    const [kind, setKind] = useState<Kind | "">("");
    const [sha256, setSha256] = useState("");
    const [progress, setProgress] = useState<ImportProgress | null>(null);
    const [running, setRunning] = useState(false);
    const [result, setResult] = useState<ImportedModel | null>(null);
    const [error, setError] = useState<UserError | null>(null);
    const controller = useRef<AbortController | null>(null);

    const request = importModelRequest.safeParse({ path: path.trim(), kind: kind || undefined, sha256: sha256.trim() || undefined });
    const shaProblem = sha256.trim() && !request.success ? request.error.issues.find((issue) => issue.path[0] === "sha256")?.message : undefined;

    const start = async () => {
        if (!request.success) return;
        const abort = new AbortController();
        controller.current = abort;
        setRunning(true);
        setError(null);
        setResult(null);
        setProgress(null);
        try {
            const imported = await api.importModel(request.data, { onProgress: setProgress, signal: abort.signal });
            setResult(imported);
            onImported(imported);
        } catch (caught) {
            if (!isAborted(caught)) setError(toUserError(caught));
        } finally {
            controller.current = null;
            setRunning(false);
        }
    };

    const close = () => {
        controller.current?.abort();
        onClose();
    };

    const choose = async (what: "file" | "folder") => {
        const chosen = what === "file" ? await picker.pickFile("Choose a model file", ["gguf"]) : await picker.pickFolder("Choose a model folder");
        if (chosen) {
            setPath(chosen);
            setResult(null);
            setError(null);
        }
    };

    return (
        <Modal
            title="Import a model"
            onClose={close}
            testId="import-model-dialog"
            footer={
                result ? (
                    <button type="button" className="button primary" onClick={onClose} data-testid="import-model-done">
                        Done
                    </button>
                ) : (
                    <>
                        <button type="button" className="button" onClick={close} data-testid="import-model-cancel">
                            {running ? "Stop copying" : "Cancel"}
                        </button>
                        <button
                            type="button"
                            className="button primary"
                            onClick={() => void start()}
                            disabled={!request.success || running}
                            data-testid="import-model-start"
                        >
                            {running ? "Importing…" : "Import"}
                        </button>
                    </>
                )
            }
        >
            <div className="stack">
                <p className="muted">
                    Choose a GGUF file (chat model, reranker or LoRA adapter) or an ONNX model folder (embedder or reranker), for example on a USB
                    drive. Enclave copies it into its own models folder and checks it is intact.
                </p>

                <div className="field">
                    <label htmlFor="import-path">Model file or folder</label>
                    <div className="input-row">
                        <input
                            id="import-path"
                            className="input mono"
                            value={path}
                            placeholder="/media/usb/models/model.gguf"
                            spellCheck={false}
                            disabled={running}
                            onChange={(event) => setPath(event.target.value)}
                            data-testid="import-model-path"
                        />
                        <button type="button" className="button" disabled={running} onClick={() => void choose("file")} data-testid="import-model-choose-file">
                            File…
                        </button>
                        <button
                            type="button"
                            className="button"
                            disabled={running}
                            onClick={() => void choose("folder")}
                            data-testid="import-model-choose-folder"
                        >
                            Folder…
                        </button>
                    </div>
                </div>

                <div className="field-row">
                    <div className="field kind-field">
                        <label htmlFor="import-kind">Kind</label>
                        <select
                            id="import-kind"
                            className="input"
                            value={kind}
                            disabled={running}
                            onChange={(event) => setKind(event.target.value as Kind | "")}
                            data-testid="import-model-kind"
                        >
                            <option value="">Detect from the file</option>
                            {(Object.keys(MODEL_KINDS) as Kind[]).map((value) => (
                                <option key={value} value={value}>
                                    {MODEL_KINDS[value].label}
                                </option>
                            ))}
                        </select>
                    </div>
                    <div className="field grow">
                        <label htmlFor="import-sha">
                            Expected sha256 <span className="optional">optional</span>
                        </label>
                        <input
                            id="import-sha"
                            className="input mono"
                            value={sha256}
                            placeholder="64 hex digits, from the provider"
                            spellCheck={false}
                            disabled={running}
                            aria-invalid={shaProblem ? true : undefined}
                            aria-describedby="import-sha-help"
                            onChange={(event) => setSha256(event.target.value)}
                            data-testid="import-model-sha256"
                        />
                        <p id="import-sha-help" className={shaProblem ? "field-help error" : "field-help"}>
                            {shaProblem ?? "Without it, Enclave uses a .sha256 or SHA256SUMS file beside the model, or the checksum of a model it knows."}
                        </p>
                    </div>
                </div>

                {running && (
                    <div className="stack tight" data-testid="import-model-progress">
                        <ProgressBar value={progress && progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : null} label="Copy progress" />
                        <p className="muted small">
                            {progress ? `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)} copied` : "Starting the copy…"}
                        </p>
                    </div>
                )}

                {error && <ErrorNotice error={error} title="The model was not imported" />}

                {result && (
                    <div className="notice notice-success" data-testid="import-model-result" data-verification={result.verification}>
                        <Icon name="check" className="notice-icon" />
                        <div className="notice-content">
                            <strong>
                                {result.name} imported as {MODEL_KINDS[result.kind].label.toLowerCase()} ({formatBytes(result.sizeBytes)})
                            </strong>
                            {result.verification === "matched" ? (
                                <p>sha256 matched: the copy is identical to the published model.</p>
                            ) : (
                                <>
                                    <p>No reference hash: recorded</p>
                                    <code className="hash">{result.sha256}</code>
                                    <p>Enclave had no published checksum to compare with. To be sure the file is genuine, compare this one with the provider's.</p>
                                </>
                            )}
                        </div>
                    </div>
                )}
            </div>
        </Modal>
    );
}
