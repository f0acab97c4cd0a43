/** The app's settings, each explained in plain words; model changes apply from the next question. */
import { useState } from "react";
import { settingsSchema, type Settings, type SettingsUpdate } from "../../../src/core/api/contract.ts";
import type { InstalledModel } from "../../../src/core/models/ModelRegistry.ts";
import type { SearchMode } from "../../../src/core/types.ts";
import { toUserError, type UserError } from "../api/errors.ts";
import { AutoNumberField } from "./AutoNumberField.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";
import { ModelSelect } from "./ModelSelect.tsx";
import { NumberField } from "./NumberField.tsx";
import { MODE_LABELS } from "./RetrievalInspector.tsx";

interface SettingsDialogProps {
    settings: Settings;
    models: InstalledModel[];
    onSave: (change: SettingsUpdate) => Promise<void>;
    onClose: () => void;
    onImportModel: () => void;
}

const MODE_HELP: Readonly<Record<SearchMode, string>> = {
    bm25: "Finds passages with the words of your question. Fast and exact for names, numbers and form codes.",
    vector: "Finds passages by meaning, even when they use other words. Needs an embedder.",
    hybrid: "Both, combined: the best choice for most questions.",
};

export function SettingsDialog({ settings, models, onSave, onClose, onImportModel }: SettingsDialogProps) {
    const [draft, setDraft] = useState<Settings>(settings);
    const [saving, setSaving] = useState(false);
    const [error, setError] = useState<UserError | null>(null);
    const set = <Key extends keyof Settings>(key: Key, value: Settings[Key]) => setDraft((current) => ({ ...current, [key]: value }));
    const ofKind = (kind: InstalledModel["kind"]) => models.filter((model) => model.kind === kind);

    const parsed = settingsSchema.safeParse(draft);
    const problem = (key: keyof Settings) => (parsed.success ? undefined : parsed.error.issues.find((issue) => issue.path[0] === key)?.message);

    const save = async () => {
        if (!parsed.success) return;
        const change = Object.fromEntries(Object.entries(parsed.data).filter(([key, value]) => settings[key as keyof Settings] !== value)) as SettingsUpdate;
        setSaving(true);
        setError(null);
        try {
            if (Object.keys(change).length > 0) await onSave(change);
            onClose();
        } catch (caught) {
            setError(toUserError(caught));
            setSaving(false);
        }
    };

    return (
        <Modal
            title="Settings"
            onClose={onClose}
            size="large"
            footer={
                <>
                    <button type="button" className="button" onClick={onClose} data-testid="settings-cancel">
                        Cancel
                    </button>
                    <button type="button" className="button primary" onClick={() => void save()} disabled={!parsed.success || saving} data-testid="settings-save">
                        {saving ? "Saving…" : "Save settings"}
                    </button>
                </>
            }
        >
            <form
                className="settings"
                data-testid="settings-form"
                onSubmit={(event) => {
                    event.preventDefault();
                    void save();
                }}
            >
                <fieldset className="settings-group">
                    <legend>Models</legend>
                    <ModelSelect
                        label="Chat model"
                        help="Writes the answer from the passages found. Without one, Enclave quotes the best passages instead: instant, and always word for word."
                        value={draft.chatModel}
                        special={[
                            { value: "default", label: "Default (bundled)" },
                            { value: "none", label: "None: extractive answers" },
                        ]}
                        models={ofKind("chat")}
                        onChange={(value) => set("chatModel", value)}
                        testId="settings-chat-model"
                    />
                    <ModelSelect
                        label="Embedder for new collections"
                        help="Lets search find passages by meaning. Existing collections keep the embedder they were indexed with."
                        value={draft.embedder}
                        special={[
                            { value: "default", label: "Default (first installed)" },
                            { value: "none", label: "None: keyword search only" },
                        ]}
                        models={ofKind("embedder")}
                        onChange={(value) => set("embedder", value)}
                        testId="settings-embedder"
                    />
                    <ModelSelect
                        label="Reranker"
                        help="Reads the passages found once more and puts the most relevant first. More accurate, a little slower."
                        value={draft.reranker}
                        special={[{ value: "none", label: "None" }]}
                        models={ofKind("reranker")}
                        onChange={(value) => set("reranker", value)}
                        testId="settings-reranker"
                    />
                    <ModelSelect
                        label="LoRA adapter"
                        help="A small add-on that specialises the chat model, e.g. for legal or clinical wording."
                        value={draft.lora}
                        special={[{ value: "none", label: "None" }]}
                        models={ofKind("lora")}
                        onChange={(value) => set("lora", value)}
                        testId="settings-lora"
                    />
                    <button type="button" className="button small quiet" onClick={onImportModel}>
                        <Icon name="download" size={14} /> Import a model…
                    </button>
                </fieldset>

                <fieldset className="settings-group">
                    <legend>Answers</legend>
                    <div className="field" role="radiogroup" aria-labelledby="mode-label" data-testid="settings-mode">
                        <span id="mode-label" className="label">
                            Search
                        </span>
                        <div className="segmented">
                            {(Object.keys(MODE_LABELS) as SearchMode[]).map((mode) => (
                                <label key={mode} className={draft.mode === mode ? "segment active" : "segment"}>
                                    <input
                                        type="radio"
                                        name="mode"
                                        value={mode}
                                        checked={draft.mode === mode}
                                        onChange={() => set("mode", mode)}
                                        data-testid={`settings-mode-${mode}`}
                                    />
                                    {MODE_LABELS[mode]}
                                </label>
                            ))}
                        </div>
                        <p className="field-help">{MODE_HELP[draft.mode]}</p>
                    </div>
                    <label className="check-row">
                        <input type="checkbox" checked={draft.rerank} onChange={(event) => set("rerank", event.target.checked)} data-testid="settings-rerank" />
                        <span>
                            Rerank passages
                            <span className="field-help block">Uses the reranker above when one is installed.</span>
                        </span>
                    </label>
                    <NumberField
                        label="Sources per answer"
                        help="How many passages the model reads before answering. More can help broad questions but answers slower."
                        value={draft.sources}
                        min={1}
                        max={20}
                        error={problem("sources")}
                        onChange={(value) => set("sources", value)}
                        testId="settings-sources"
                    />
                    <NumberField
                        label="Longest answer (sentences)"
                        help="The answer stops after this many sentences. Small models stay on the question in the first sentence and drift after it."
                        value={draft.answerSentences}
                        min={1}
                        max={10}
                        error={problem("answerSentences")}
                        onChange={(value) => set("answerSentences", value)}
                        testId="settings-answer-sentences"
                    />
                    <div className="field">
                        <label htmlFor="settings-temperature">
                            Creativity <span className="value-pill">{draft.temperature.toFixed(2)}</span>
                        </label>
                        <input
                            id="settings-temperature"
                            type="range"
                            className="range"
                            min={0}
                            max={2}
                            step={0.05}
                            value={draft.temperature}
                            onChange={(event) => set("temperature", event.target.valueAsNumber)}
                            data-testid="settings-temperature"
                        />
                        <p className="field-help">Temperature. Keep it low (0–0.3) for answers that stick closely to your documents.</p>
                    </div>
                </fieldset>

                <fieldset className="settings-group">
                    <legend>Performance</legend>
                    <AutoNumberField
                        label="Processor threads"
                        help="How many processor threads write answers. Automatic fits this computer."
                        value={draft.threads}
                        min={1}
                        max={256}
                        suggested={4}
                        error={problem("threads")}
                        onChange={(value) => set("threads", value)}
                        testId="settings-threads"
                    />
                    <AutoNumberField
                        label="GPU layers"
                        help="How much of the chat model runs on the graphics card, if there is one. 0 keeps it on the processor."
                        value={draft.gpuLayers}
                        min={0}
                        max={1000}
                        suggested={0}
                        error={problem("gpuLayers")}
                        onChange={(value) => set("gpuLayers", value)}
                        testId="settings-gpu-layers"
                    />
                    <AutoNumberField
                        label="Context size"
                        help="How much text (in tokens) the model reads at once: sources, question and chat so far. Larger needs more memory."
                        value={draft.contextSize}
                        min={512}
                        max={131072}
                        suggested={4096}
                        error={problem("contextSize")}
                        onChange={(value) => set("contextSize", value)}
                        testId="settings-context-size"
                    />
                </fieldset>
                {error && <ErrorNotice error={error} title="The settings were not saved" />}
            </form>
        </Modal>
    );
}
