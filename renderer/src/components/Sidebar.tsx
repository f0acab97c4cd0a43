/** Collections, past chats, and the way to settings and models. */
import type { ChatSummary, CollectionInfo } from "../../../src/core/api/contract.ts";
import type { IngestRun } from "../hooks/useCollections.ts";
import type { ChatsState } from "../hooks/useChats.ts";
import { formatCount } from "../lib/format.ts";
import type { Route } from "../route.ts";
import { ChatHistoryItem } from "./ChatHistoryItem.tsx";
import { Icon } from "./Icon.tsx";

interface SidebarProps {
    route: Route;
    collections: CollectionInfo[];
    runs: Record<string, IngestRun>;
    chats: ChatSummary[];
    chatActions: Pick<ChatsState, "rename" | "remove">;
    onNavigate: (route: Route) => void;
    onNewChat: () => void;
    onOpenSettings: () => void;
}

export function Sidebar({ route, collections, runs, chats, chatActions, onNavigate, onNewChat, onOpenSettings }: SidebarProps) {
    const activeCollection = route.view === "collection" ? route.name : null;
    const activeChat = route.view === "chat" ? route.chatId : null;
    return (
        <aside className="sidebar" aria-label="Collections and chats">
            <div className="sidebar-brand">
                <span className="brand-mark" aria-hidden="true">
                    E
                </span>
                <span className="brand-name">Enclave</span>
            </div>
            {collections.length > 0 && (
                <button type="button" className="button primary block" onClick={onNewChat} data-testid="new-chat-button">
                    <Icon name="plus" /> New chat
                </button>
            )}

            <nav className="sidebar-section" aria-labelledby="collections-heading">
                <div className="sidebar-heading">
                    <h2 id="collections-heading">Collections</h2>
                    <button
                        type="button"
                        className="icon-button small"
                        aria-label="New collection"
                        title="New collection"
                        onClick={() => onNavigate({ view: "new-collection" })}
                        data-testid="new-collection-button"
                    >
                        <Icon name="plus" size={14} />
                    </button>
                </div>
                {collections.length === 0 ? (
                    <p className="sidebar-empty">No collections yet.</p>
                ) : (
                    <ul className="nav-list">
                        {collections.map((collection) => {
                            const indexing = collection.indexing || runs[collection.name]?.status === "running";
                            return (
                                <li key={collection.name}>
                                    <button
                                        type="button"
                                        className={activeCollection === collection.name ? "nav-item active" : "nav-item"}
                                        aria-current={activeCollection === collection.name ? "page" : undefined}
                                        onClick={() => onNavigate({ view: "collection", name: collection.name })}
                                        data-testid="collection-item"
                                        data-name={collection.name}
                                    >
                                        <Icon name="collection" />
                                        <span className="nav-label">{collection.name}</span>
                                        <span className="nav-meta">
                                            {indexing ? (
                                                <span className="pulse-dot" title="Indexing" aria-label="Indexing" />
                                            ) : (
                                                <span title={formatCount(collection.documents, "document")}>{collection.documents}</span>
                                            )}
                                        </span>
                                    </button>
                                </li>
                            );
                        })}
                    </ul>
                )}
            </nav>

            <nav className="sidebar-section grow" aria-labelledby="chats-heading">
                <div className="sidebar-heading">
                    <h2 id="chats-heading">Chats</h2>
                </div>
                {chats.length === 0 ? (
                    <p className="sidebar-empty">Your chats will appear here.</p>
                ) : (
                    <ul className="history-list">
                        {chats.map((chat) => (
                            <ChatHistoryItem
                                key={chat.id}
                                chat={chat}
                                active={activeChat === chat.id}
                                onOpen={() => onNavigate({ view: "chat", key: chat.id, collection: chat.collection, chatId: chat.id })}
                                onRename={(title) => chatActions.rename(chat.id, title)}
                                onRemove={() => chatActions.remove(chat.id)}
                            />
                        ))}
                    </ul>
                )}
            </nav>

            <div className="sidebar-footer">
                <button
                    type="button"
                    className={route.view === "system" ? "nav-item active" : "nav-item"}
                    onClick={() => onNavigate({ view: "system" })}
                    data-testid="open-system"
                >
                    <Icon name="chip" />
                    <span className="nav-label">Models &amp; storage</span>
                </button>
                <button type="button" className="nav-item" onClick={onOpenSettings} data-testid="open-settings">
                    <Icon name="settings" />
                    <span className="nav-label">Settings</span>
                </button>
            </div>
        </aside>
    );
}
