/**
 * Where the data lives, which models were found and what is missing. With no collection yet it is the
 * welcome screen and leads to creating the first one.
 */
import type { DoctorReport } from "../../../src/core/api/contract.ts";
import type { UserError } from "../api/errors.ts";
import { formatBytes } from "../lib/format.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { ModelTable } from "./ModelTable.tsx";
import { Spinner } from "./Spinner.tsx";

interface SystemViewProps {
    firstRun: boolean;
    report: DoctorReport | undefined;
    error: UserError | null;
    onRetry: () => void;
    onImportModel: () => void;
    onCreateCollection: () => void;
}

export function SystemView({ firstRun, report, error, onRetry, onImportModel, onCreateCollection }: SystemViewProps) {
    return (
        <div className="page" data-testid={firstRun ? "welcome" : "system-view"}>
            <header className="page-header">
                {firstRun ? (
                    <div>
                        <p className="eyebrow">Welcome</p>
                        <h1>Ask your documents, privately</h1>
                        <p className="lead">
                            Enclave answers questions from your own files and shows the exact passage and page each answer comes from. Everything runs on
                            this computer: no document, question or answer ever leaves it.
                        </p>
                    </div>
                ) : (
                    <div>
                        <h1>Models &amp; storage</h1>
                        <p className="lead">What Enclave found on this computer, and where it keeps its data.</p>
                    </div>
                )}
                {firstRun && (
                    <button type="button" className="button primary large" onClick={onCreateCollection} data-testid="create-first-collection">
                        <Icon name="plus" /> Create your first collection
                    </button>
                )}
            </header>

            {error && <ErrorNotice error={error} title="Could not read the system report" onRetry={onRetry} />}
            {!report && !error && <Spinner label="Checking this computer…" />}

            {report && (
                <div className="page-grid">
                    <section className="card" aria-labelledby="data-heading">
                        <h2 id="data-heading" className="card-title">
                            Where your data lives
                        </h2>
                        <p className="path-box" data-testid="data-dir">
                            {report.dataDir}
                        </p>
                        <p className="muted">
                            Indexes, chats, settings and imported models are kept in this folder. Your original documents stay where they are; Enclave
                            only reads them.
                        </p>
                        <dl className="facts">
                            <dt>Processor</dt>
                            <dd>
                                {report.cpu.model} · {report.cpu.threads} threads
                            </dd>
                            <dt>Memory</dt>
                            <dd>
                                {formatBytes(report.memory.totalBytes)} ({formatBytes(report.memory.freeBytes)} free)
                            </dd>
                            <dt>Graphics</dt>
                            <dd>{report.gpu.backend ? `${report.gpu.backend}: ${report.gpu.devices.join(", ") || "detected"}` : "None used: answers run on the processor"}</dd>
                        </dl>
                    </section>

                    <section className="card" aria-labelledby="notices-heading" data-testid="doctor-notices">
                        <h2 id="notices-heading" className="card-title">
                            {report.notices.length > 0 ? "Good to know" : "Ready"}
                        </h2>
                        {report.notices.length === 0 ? (
                            <p className="with-icon">
                                <Icon name="check" className="ok" /> Everything Enclave needs is installed.
                            </p>
                        ) : (
                            <ul className="notice-list">
                                {report.notices.map((notice) => (
                                    <li key={notice}>
                                        <Icon name="info" className="notice-icon" />
                                        <span>{notice}</span>
                                    </li>
                                ))}
                            </ul>
                        )}
                    </section>

                    <section className="card span-2" aria-labelledby="models-heading">
                        <div className="card-header">
                            <div>
                                <h2 id="models-heading" className="card-title">
                                    Models
                                </h2>
                                <p className="muted">
                                    Models are files you copy in once, for example from a USB drive; Enclave never downloads anything.
                                </p>
                            </div>
                            <button type="button" className="button" onClick={onImportModel} data-testid="import-model-button">
                                <Icon name="download" /> Import a model…
                            </button>
                        </div>
                        <ModelTable models={report.models} />
                        {report.modelSearchPath.length > 0 && (
                            <details className="disclosure">
                                <summary>Folders searched for models</summary>
                                <ul className="plain-list mono">
                                    {report.modelSearchPath.map((folder) => (
                                        <li key={folder}>{folder}</li>
                                    ))}
                                </ul>
                            </details>
                        )}
                    </section>
                </div>
            )}
        </div>
    );
}
