/**
 * Choosing folders and files: the system's dialogs in the desktop app, the in-app chooser (built on the
 * `browse` API method) in browser mode. Components ask for paths and get a promise either way.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { useApi } from "../api/ApiContext.tsx";
import { FolderChooser, type ChooserRequest } from "../components/FolderChooser.tsx";

interface PickerValue {
    /** Folders to index; empty when the user cancelled. */
    pickFolders: () => Promise<string[]>;
    /** One folder (e.g. an ONNX model folder); null when cancelled. */
    pickFolder: (title: string) => Promise<string | null>;
    /** One file with one of `extensions` (without dots); null when cancelled. */
    pickFile: (title: string, extensions: string[]) => Promise<string | null>;
}

const PickerContext = createContext<PickerValue | null>(null);

export function PickerProvider({ children }: { children: ReactNode }) {
    const { host } = useApi();
    const [request, setRequest] = useState<ChooserRequest | null>(null);
    const resolver = useRef<((paths: string[]) => void) | null>(null);

    const choose = useCallback((next: ChooserRequest) => {
        resolver.current?.([]);
        setRequest(next);
        return new Promise<string[]>((resolve) => {
            resolver.current = resolve;
        });
    }, []);

    const finish = useCallback((paths: string[]) => {
        resolver.current?.(paths);
        resolver.current = null;
        setRequest(null);
    }, []);

    const value = useMemo<PickerValue>(
        () => ({
            pickFolders: () => (host ? host.pickFolders() : choose({ mode: "folders", title: "Add folders" })),
            pickFolder: async (title) => (host ? ((await host.pickFolders())[0] ?? null) : ((await choose({ mode: "folder", title }))[0] ?? null)),
            pickFile: async (title, extensions) =>
                host
                    ? host.pickFile([{ name: extensions.map((extension) => `.${extension}`).join(", "), extensions }])
                    : ((await choose({ mode: "file", title, extensions }))[0] ?? null),
        }),
        [host, choose],
    );

    return (
        <PickerContext.Provider value={value}>
            {children}
            {request && <FolderChooser request={request} onDone={finish} />}
        </PickerContext.Provider>
    );
}

export function usePicker(): PickerValue {
    const value = useContext(PickerContext);
    if (!value) throw new Error("usePicker outside PickerProvider");
    return value;
}
