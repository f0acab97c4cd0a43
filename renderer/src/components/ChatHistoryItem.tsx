/** One past chat in the sidebar: opens it; rename in place; delete after asking. */
import { useState } from "react";
import type { ChatSummary } from "../../../src/core/api/contract.ts";
import { useNotifications } from "../hooks/useNotifications.tsx";
import { formatWhen } from "../lib/format.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { Icon } from "./Icon.tsx";

interface ChatHistoryItemProps {
    chat: ChatSummary;
    active: boolean;
    onOpen: () => void;
    onRename: (title: string) => Promise<void>;
    onRemove: () => Promise<void>;
}

export function ChatHistoryItem({ chat, active, onOpen, onRename, onRemove }: ChatHistoryItemProps) {
    const { notifyError } = useNotifications();
    const [editing, setEditing] = useState(false);
    const [title, setTitle] = useState(chat.title);
    const [confirming, setConfirming] = useState(false);

    const save = async () => {
        setEditing(false);
        const trimmed = title.trim();
        if (!trimmed || trimmed === chat.title) return setTitle(chat.title);
        try {
            await onRename(trimmed);
        } catch (error) {
            setTitle(chat.title);
            notifyError(error, "Could not rename the chat");
        }
    };

    return (
        <li className={active ? "history-item active" : "history-item"} data-testid="chat-history-item" data-chat-id={chat.id}>
            {editing ? (
                <input
                    className="input history-rename"
                    value={title}
                    autoFocus
                    maxLength={200}
                    aria-label="Chat title"
                    onChange={(event) => setTitle(event.target.value)}
                    onBlur={() => void save()}
                    onKeyDown={(event) => {
                        if (event.key === "Enter") void save();
                        if (event.key === "Escape") {
                            event.preventDefault();
                            setTitle(chat.title);
                            setEditing(false);
                        }
                    }}
                    data-testid="chat-rename-input"
                />
            ) : (
                <button type="button" className="history-open" onClick={onOpen} aria-current={active ? "page" : undefined}>
                    <span className="history-title">{chat.title}</span>
                    <span className="history-meta">
                        {chat.collection} · {formatWhen(chat.updatedAt)}
                    </span>
                </button>
            )}
            {!editing && (
                <span className="history-actions">
                    <button type="button" className="icon-button small" aria-label={`Rename ${chat.title}`} onClick={() => setEditing(true)} data-testid="chat-rename">
                        <Icon name="edit" size={14} />
                    </button>
                    <button type="button" className="icon-button small" aria-label={`Delete ${chat.title}`} onClick={() => setConfirming(true)} data-testid="chat-delete">
                        <Icon name="trash" size={14} />
                    </button>
                </span>
            )}
            {confirming && (
                <ConfirmDialog title="Delete this chat?" confirmLabel="Delete chat" onConfirm={onRemove} onClose={() => setConfirming(false)}>
                    <p>
                        “{chat.title}” and its {chat.turns === 1 ? "answer" : `${chat.turns} answers`} will be deleted. Your documents are not affected.
                    </p>
                </ConfirmDialog>
            )}
        </li>
    );
}
