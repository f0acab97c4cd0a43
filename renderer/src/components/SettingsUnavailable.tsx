/** The settings dialog while the settings load, or when they cannot be read. */
import type { UserError } from "../api/errors.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Modal } from "./Modal.tsx";
import { Spinner } from "./Spinner.tsx";

export function SettingsUnavailable({ error, onClose }: { error: UserError | null; onClose: () => void }) {
    return (
        <Modal title="Settings" onClose={onClose} size="small">
            {error ? <ErrorNotice error={error} title="The settings could not be read" /> : <Spinner label="Loading settings…" />}
        </Modal>
    );
}
