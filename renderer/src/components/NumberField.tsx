/** A setting that is a whole number within bounds, with its help text or, when invalid, the reason. */
import { useId } from "react";

interface NumberFieldProps {
    label: string;
    help: string;
    value: number;
    min: number;
    max: number;
    error?: string;
    onChange: (value: number) => void;
    testId: string;
}

export function NumberField({ label, help, value, min, max, error, onChange, testId }: NumberFieldProps) {
    const id = useId();
    return (
        <div className="field">
            <label htmlFor={id}>{label}</label>
            <input
                id={id}
                type="number"
                className="input number"
                min={min}
                max={max}
                value={Number.isNaN(value) ? "" : value}
                aria-invalid={error ? true : undefined}
                onChange={(event) => onChange(event.target.valueAsNumber)}
                data-testid={testId}
            />
            <p className={error ? "field-help error" : "field-help"}>{error ?? help}</p>
        </div>
    );
}
