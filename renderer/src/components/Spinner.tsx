export function Spinner({ label }: { label?: string }) {
    return (
        <span className="spinner-wrap" role="status">
            <span className="spinner" aria-hidden="true" />
            {label && <span>{label}</span>}
        </span>
    );
}
