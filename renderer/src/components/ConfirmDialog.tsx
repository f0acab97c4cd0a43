/** Asks before something that cannot be undone; an error from the action is shown in the dialog. */
import { useState, type ReactNode } from "react";
import { toUserError, type UserError } from "../api/errors.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Modal } from "./Modal.tsx";

interface ConfirmDialogProps {
    title: string;
    children: ReactNode;
    confirmLabel: string;
    onConfirm: () => Promise<void>;
    onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<UserError | null>(null);
    const confirm = async () => {
        setBusy(true);
        setError(null);
        try {
            await onConfirm();
            onClose();
        } catch (caught) {
            setError(toUserError(caught));
            setBusy(false);
        }
    };
    return (
        <Modal
            title={title}
            onClose={onClose}
            size="small"
            testId="confirm-dialog"
            footer={
                <>
                    <button type="button" className="button" onClick={onClose} data-testid="confirm-cancel">
                        Cancel
                    </button>
                    <button type="button" className="button danger" onClick={() => void confirm()} disabled={busy} data-testid="confirm-ok">
                        {busy ? "Working…" : confirmLabel}
                    </button>
                </>
            }
        >
            <div className="stack">
                {children}
                {error && <ErrorNotice error={error} title="It did not work" />}
            </div>
        </Modal>
    );
}
