/** Loads one value from the engine, again whenever `deps` change or the connection comes back. */
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import { useConnection } from "../api/ApiContext.tsx";
import { toUserError, type UserError } from "../api/errors.ts";

export interface Loaded<T> {
    data: T | undefined;
    error: UserError | null;
    loading: boolean;
    /** Loads again; resolves when done (errors land in `error`). */
    reload: () => Promise<void>;
    /** Replaces the value locally, e.g. with what a mutating call returned. */
    setData: (update: T | ((previous: T | undefined) => T)) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
    const { epoch } = useConnection();
    const [data, setData] = useState<T | undefined>(undefined);
    const [error, setError] = useState<UserError | null>(null);
    const [loading, setLoading] = useState(true);
    const latest = useRef(0);
    // The caller names what `load` depends on, as with useCallback.
    const stableLoad = useCallback(load, deps);

    const reload = useCallback(async () => {
        const call = ++latest.current;
        setLoading(true);
        try {
            const value = await stableLoad();
            if (call !== latest.current) return;
            setData(value);
            setError(null);
        } catch (caught) {
            if (call === latest.current) setError(toUserError(caught));
        } finally {
            if (call === latest.current) setLoading(false);
        }
    }, [stableLoad]);

    useEffect(() => {
        void reload();
    }, [reload, epoch]);

    return { data, error, loading, reload, setData: setData as Loaded<T>["setData"] };
}
