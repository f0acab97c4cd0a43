/** A determinate bar (value 0–1), or an indeterminate one while the total is unknown (value null). */
export function ProgressBar({ value, label, testId }: { value: number | null; label: string; testId?: string }) {
    const percent = value === null ? undefined : Math.round(Math.min(1, Math.max(0, value)) * 100);
    return (
        <div
            className={value === null ? "progress indeterminate" : "progress"}
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            data-testid={testId}
        >
            <div className="progress-fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
        </div>
    );
}
