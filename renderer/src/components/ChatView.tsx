/** A chat with one collection: its turns, the answer being written, the question box, and export. */
import { useEffect, useRef } from "react";
import type { Chat, CollectionInfo } from "../../../src/core/api/contract.ts";
import type { Citation } from "../../../src/core/types.ts";
import { useApi } from "../api/ApiContext.tsx";
import { useChat } from "../hooks/useChat.ts";
import { useNotifications } from "../hooks/useNotifications.tsx";
import { downloadText } from "../lib/clipboard.ts";
import { formatCount } from "../lib/format.ts";
import { ChatInput } from "./ChatInput.tsx";
import { ChatTurnView, QuestionBubble } from "./ChatTurnView.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { PendingTurnView } from "./PendingTurnView.tsx";
import type { SearchOptions } from "./RetrievalInspector.tsx";
import { Spinner } from "./Spinner.tsx";

interface ChatViewProps {
    chatId: string | null;
    /** The title as the chat list has it (it changes when renamed there). */
    title: string | undefined;
    collection: string;
    /** Every collection, to choose from before a new chat's first question. */
    collections: string[];
    onSwitchCollection: (collection: string) => void;
    /** Undefined when the collection no longer exists. */
    info: CollectionInfo | undefined;
    searchOptions: SearchOptions;
    onCreated: (chat: Chat) => void;
    onTurn: () => void;
    onOpenSource: (source: Citation) => void;
    onOpenCollection: () => void;
}

/** How close to the bottom (px) the reader must be for new text to keep the view scrolled down. */
const FOLLOW_PX = 120;

export function ChatView({ chatId, title, collection, collections, onSwitchCollection, info, searchOptions, onCreated, onTurn, onOpenSource, onOpenCollection }: ChatViewProps) {
    const { api } = useApi();
    const { notifyError } = useNotifications();
    const { chat, loading, error, pending, failure, ask, stop, dismissFailure } = useChat({ chatId, collection, onCreated, onTurn });
    const scroller = useRef<HTMLDivElement>(null);
    const following = useRef(true);

    useEffect(() => {
        if (!pending) return;
        const onKey = (event: KeyboardEvent) => {
            if (event.key === "Escape" && !document.querySelector("dialog[open]")) stop();
        };
        window.addEventListener("keydown", onKey);
        return () => window.removeEventListener("keydown", onKey);
    }, [pending, stop]);

    useEffect(() => {
        const element = scroller.current;
        if (element && following.current) element.scrollTop = element.scrollHeight;
    }, [pending?.text, pending?.phase, chat?.turns.length, failure]);

    const send = (question: string) => {
        following.current = true;
        void ask(question);
    };

    const exportChat = async () => {
        if (!chat) return;
        try {
            const { fileName, markdown } = await api.chatMarkdown({ chatId: chat.id });
            downloadText(fileName, markdown);
        } catch (caught) {
            notifyError(caught, "Could not export the chat");
        }
    };

    const turns = chat?.turns ?? [];
    const empty = turns.length === 0 && !pending && !failure;

    return (
        <div className="chat" data-testid="chat-view" data-chat-id={chat?.id ?? ""}>
            <header className="chat-header">
                <div className="chat-heading">
                    <h1 data-testid="chat-title">{title ?? chat?.title ?? "New chat"}</h1>
                    {!chat && !pending && collections.length > 1 ? (
                        <label className="collection-switch">
                            <Icon name="collection" size={14} />
                            <span className="visually-hidden">Collection</span>
                            <select value={collection} onChange={(event) => onSwitchCollection(event.target.value)} data-testid="chat-collection-select">
                                {collections.map((name) => (
                                    <option key={name} value={name}>
                                        {name}
                                    </option>
                                ))}
                            </select>
                        </label>
                    ) : (
                        <button type="button" className="link-button muted" onClick={onOpenCollection}>
                            <Icon name="collection" size={14} /> {collection}
                        </button>
                    )}
                </div>
                <button type="button" className="button small" onClick={() => void exportChat()} disabled={!chat || turns.length === 0} data-testid="export-chat-button">
                    <Icon name="download" size={14} /> Export .md
                </button>
            </header>

            <div
                className="chat-scroll"
                ref={scroller}
                onScroll={(event) => {
                    const element = event.currentTarget;
                    following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_PX;
                }}
            >
                <div className="chat-column">
                    {error && <ErrorNotice error={error} title="This chat could not be opened" />}
                    {loading && <Spinner label="Opening chat…" />}
                    {!info && !loading && (
                        <p className="notice notice-info">The collection “{collection}” no longer exists, so this chat cannot continue. You can still read and export it.</p>
                    )}
                    {empty && !loading && info && (
                        <div className="chat-empty" data-testid="chat-empty">
                            <Icon name="chat" size={28} />
                            <h2>Ask about “{collection}”</h2>
                            <p>
                                {formatCount(info.documents, "document")} · {formatCount(info.pages, "page")}. Every answer cites the passages and pages it
                                comes from; when the documents do not hold the answer, Enclave says so.
                            </p>
                        </div>
                    )}
                    {chat &&
                        turns.map((turn) => (
                            <ChatTurnView key={turn.id} turn={turn} chatId={chat.id} collection={collection} searchOptions={searchOptions} onOpenSource={onOpenSource} />
                        ))}
                    {pending && <PendingTurnView turn={pending} />}
                    {failure && (
                        <article className="turn" data-testid="chat-turn-failed">
                            <QuestionBubble question={failure.question} />
                            <div className="answer">
                                <ErrorNotice
                                    error={failure.error}
                                    title="No answer"
                                    onRetry={() => {
                                        dismissFailure();
                                        send(failure.question);
                                    }}
                                />
                            </div>
                        </article>
                    )}
                </div>
            </div>

            <ChatInput collection={collection} answering={Boolean(pending)} disabled={!info || Boolean(error)} onSend={send} onStop={stop} />
        </div>
    );
}
