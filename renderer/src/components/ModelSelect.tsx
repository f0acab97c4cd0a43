/** Chooses a model of one kind: the special choices ("default", "none") first, then the installed models. */
import { useId } from "react";
import type { InstalledModel } from "../../../src/core/models/ModelRegistry.ts";

interface ModelSelectProps {
    label: string;
    help: string;
    value: string;
    special: Array<{ value: string; label: string }>;
    models: InstalledModel[];
    onChange: (value: string) => void;
    testId: string;
}

export function ModelSelect({ label, help, value, special, models, onChange, testId }: ModelSelectProps) {
    const id = useId();
    const known = special.some((option) => option.value === value) || models.some((model) => model.name === value);
    return (
        <div className="field">
            <label htmlFor={id}>{label}</label>
            <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
                {special.map((option) => (
                    <option key={option.value} value={option.value}>
                        {option.label}
                    </option>
                ))}
                {models.map((model) => (
                    <option key={model.path} value={model.name}>
                        {model.name}
                        {model.bundled ? " (bundled)" : ""}
                    </option>
                ))}
                {!known && <option value={value}>{value} (not found)</option>}
            </select>
            <p className="field-help">{help}</p>
        </div>
    );
}
