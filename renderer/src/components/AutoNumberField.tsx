/** A setting that is "auto" (Enclave decides) or a number the user gives. */
import { useId } from "react";

interface AutoNumberFieldProps {
    label: string;
    help: string;
    value: "auto" | number;
    min: number;
    max: number;
    /** The number proposed when switching from auto. */
    suggested: number;
    error?: string;
    onChange: (value: "auto" | number) => void;
    testId: string;
}

export function AutoNumberField({ label, help, value, min, max, suggested, error, onChange, testId }: AutoNumberFieldProps) {
    const id = useId();
    const auto = value === "auto";
    return (
        <div className="field">
            <label htmlFor={id}>{label}</label>
            <div className="input-row" data-testid={testId}>
                <select
                    id={id}
                    className="input fit"
                    value={auto ? "auto" : "custom"}
                    onChange={(event) => onChange(event.target.value === "auto" ? "auto" : suggested)}
                    data-testid={`${testId}-mode`}
                >
                    <option value="auto">Automatic</option>
                    <option value="custom">Set by hand</option>
                </select>
                {!auto && (
                    <input
                        type="number"
                        className="input number"
                        aria-label={`${label}, number`}
                        min={min}
                        max={max}
                        value={Number.isNaN(value) ? "" : value}
                        aria-invalid={error ? true : undefined}
                        onChange={(event) => onChange(event.target.valueAsNumber)}
                        data-testid={`${testId}-value`}
                    />
                )}
            </div>
            <p className={error ? "field-help error" : "field-help"}>{error ?? help}</p>
        </div>
    );
}
