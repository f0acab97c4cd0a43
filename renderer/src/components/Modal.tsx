/** A modal dialog on the native <dialog> element: focus stays inside, Esc closes it. */
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Icon } from "./Icon.tsx";

interface ModalProps {
    title: string;
    onClose: () => void;
    children: ReactNode;
    footer?: ReactNode;
    size?: "small" | "medium" | "large";
    testId?: string;
}

export function Modal({ title, onClose, children, footer, size = "medium", testId }: ModalProps) {
    const dialog = useRef<HTMLDialogElement>(null);
    const titleId = useId();
    useEffect(() => {
        const element = dialog.current;
        if (element && !element.open) element.showModal();
        return () => element?.close();
    }, []);
    return (
        <dialog
            ref={dialog}
            className={`modal modal-${size}`}
            aria-labelledby={titleId}
            data-testid={testId}
            onCancel={(event) => {
                event.preventDefault();
                onClose();
            }}
        >
            <header className="modal-header">
                <h2 id={titleId}>{title}</h2>
                <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
                    <Icon name="close" />
                </button>
            </header>
            <div className="modal-body">{children}</div>
            {footer && <footer className="modal-footer">{footer}</footer>}
        </dialog>
    );
}
