/** The window: sidebar, main view, source panel, dialogs; which view shows is the `Route`. */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Chat } from "../../src/core/api/contract.ts";
import type { Citation } from "../../src/core/types.ts";
import { useApi } from "./api/ApiContext.tsx";
import { ChatView } from "./components/ChatView.tsx";
import { CollectionView } from "./components/CollectionView.tsx";
import { ConnectionBanner } from "./components/ConnectionBanner.tsx";
import { ErrorNotice } from "./components/ErrorNotice.tsx";
import { ImportModelDialog } from "./components/ImportModelDialog.tsx";
import { NewCollectionView } from "./components/NewCollectionView.tsx";
import type { SearchOptions } from "./components/RetrievalInspector.tsx";
import { SettingsDialog } from "./components/SettingsDialog.tsx";
import { SettingsUnavailable } from "./components/SettingsUnavailable.tsx";
import { Sidebar } from "./components/Sidebar.tsx";
import { SourcePanel } from "./components/SourcePanel.tsx";
import { Spinner } from "./components/Spinner.tsx";
import { SystemView } from "./components/SystemView.tsx";
import { Toasts } from "./components/Toasts.tsx";
import { useChats } from "./hooks/useChats.ts";
import { useCollections } from "./hooks/useCollections.ts";
import { useLoad } from "./hooks/useLoad.ts";
import { useSettings } from "./hooks/useSettings.ts";
import { sourceFromCitation, sourceFromDocument, type SourceRef } from "./lib/sourceRef.ts";
import type { Route } from "./route.ts";

const DEFAULT_SEARCH: SearchOptions = { mode: "hybrid", rerank: false, k: 4 };

export function App() {
    const { api } = useApi();
    const collections = useCollections();
    const chats = useChats();
    const settings = useSettings();
    const doctor = useLoad(() => api.doctor(), [api]);
    const [route, setRoute] = useState<Route>({ view: "loading" });
    const [source, setSource] = useState<{ ref: SourceRef; opened: number } | null>(null);
    const [settingsOpen, setSettingsOpen] = useState(false);
    const [importOpen, setImportOpen] = useState(false);

    const list = collections.collections;
    const chatList = chats.chats;
    const firstRun = list !== undefined && list.length === 0 && Object.keys(collections.runs).length === 0;

    const navigate = useCallback((next: Route) => {
        setSource(null);
        setRoute(next);
    }, []);

    /** A new chat with `collection`, else with the one in view, the last one chatted with, or the first. */
    const newChat = useCallback(
        (collection?: string) => {
            const inView = route.view === "chat" ? route.collection : route.view === "collection" ? route.name : undefined;
            const target = collection ?? inView ?? chatList?.[0]?.collection ?? list?.[0]?.name;
            if (target) navigate({ view: "chat", key: `new-${Date.now()}`, collection: target, chatId: null });
        },
        [route, chatList, list, navigate],
    );

    // The first view, once the collections are known: the welcome screen, else a new chat.
    useEffect(() => {
        if (route.view !== "loading" || !list || (!chatList && !chats.error)) return;
        if (list.length === 0) setRoute({ view: "system" });
        else {
            const collection = chatList?.find((chat) => list.some((item) => item.name === chat.collection))?.collection ?? list[0]!.name;
            setRoute({ view: "chat", key: "start", collection, chatId: null });
        }
    }, [route.view, list, chatList, chats.error]);

    const openSource = useCallback((ref: SourceRef) => setSource({ ref, opened: Date.now() }), []);
    const onCreated = useCallback((chat: Chat) => {
        setRoute((current) => (current.view === "chat" && current.chatId === null ? { ...current, chatId: chat.id } : current));
    }, []);
    const { reload: reloadChats, rename: renameChat, remove: removeChat } = chats;
    const chatActions = useMemo(
        () => ({
            rename: renameChat,
            remove: async (chatId: string) => {
                await removeChat(chatId);
                if (route.view === "chat" && route.chatId === chatId) newChat(route.collection);
            },
        }),
        [renameChat, removeChat, route, newChat],
    );
    const onTurn = useCallback(() => void reloadChats(), [reloadChats]);
    const onImported = () => {
        void settings.reloadModels();
        void doctor.reload();
    };

    const searchOptions = useMemo<SearchOptions>(
        () => (settings.settings ? { mode: settings.settings.mode, rerank: settings.settings.rerank, k: settings.settings.sources } : DEFAULT_SEARCH),
        [settings.settings],
    );

    const main = () => {
        if (collections.error && !list)
            return (
                <div className="page narrow">
                    <ErrorNotice error={collections.error} title="Enclave could not load your collections" onRetry={() => void collections.reload()} />
                </div>
            );
        switch (route.view) {
            case "loading":
                return (
                    <div className="center-fill">
                        <Spinner label="Opening Enclave…" />
                    </div>
                );
            case "system":
                return (
                    <SystemView
                        firstRun={firstRun}
                        report={doctor.data}
                        error={doctor.error}
                        onRetry={() => void doctor.reload()}
                        onImportModel={() => setImportOpen(true)}
                        onCreateCollection={() => navigate({ view: "new-collection" })}
                    />
                );
            case "new-collection":
                return (
                    <NewCollectionView
                        existing={(list ?? []).map((collection) => collection.name)}
                        onCancel={firstRun ? () => navigate({ view: "system" }) : () => newChat()}
                        onCreate={(name, folders) => {
                            void collections.index(name, folders);
                            navigate({ view: "collection", name });
                        }}
                    />
                );
            case "collection":
                return (
                    <CollectionView
                        key={route.name}
                        name={route.name}
                        info={list?.find((collection) => collection.name === route.name)}
                        collections={collections}
                        onNewChat={() => newChat(route.name)}
                        onDeleted={() => {
                            const next = list?.find((collection) => collection.name !== route.name);
                            void reloadChats();
                            navigate(next ? { view: "collection", name: next.name } : { view: "system" });
                        }}
                        onOpenDocument={(document) => openSource(sourceFromDocument(route.name, document))}
                    />
                );
            case "chat":
                return (
                    <ChatView
                        key={route.key}
                        chatId={route.chatId}
                        title={chatList?.find((chat) => chat.id === route.chatId)?.title}
                        collection={route.collection}
                        collections={(list ?? []).map((collection) => collection.name)}
                        onSwitchCollection={(collection) => setRoute({ ...route, collection })}
                        info={list?.find((collection) => collection.name === route.collection)}
                        searchOptions={searchOptions}
                        onCreated={onCreated}
                        onTurn={onTurn}
                        onOpenSource={(citation: Citation) => openSource(sourceFromCitation(route.collection, citation))}
                        onOpenCollection={() => navigate({ view: "collection", name: route.collection })}
                    />
                );
        }
    };

    return (
        <div className="app">
            <ConnectionBanner />
            <div className={source ? "app-body with-source" : "app-body"}>
                <Sidebar
                    route={route}
                    collections={list ?? []}
                    runs={collections.runs}
                    chats={chatList ?? []}
                    chatActions={chatActions}
                    onNavigate={navigate}
                    onNewChat={() => newChat()}
                    onOpenSettings={() => setSettingsOpen(true)}
                />
                <main className="main">{main()}</main>
                {source && <SourcePanel key={source.opened} source={source.ref} onClose={() => setSource(null)} />}
            </div>
            <Toasts />
            {settingsOpen &&
                (settings.settings ? (
                    <SettingsDialog
                        settings={settings.settings}
                        models={settings.models ?? []}
                        onSave={settings.update}
                        onClose={() => setSettingsOpen(false)}
                        onImportModel={() => setImportOpen(true)}
                    />
                ) : (
                    <SettingsUnavailable error={settings.error} onClose={() => setSettingsOpen(false)} />
                ))}
            {importOpen && <ImportModelDialog onClose={() => setImportOpen(false)} onImported={onImported} />}
        </div>
    );
}
