/** Short-lived messages about actions (an error while renaming, "Copied"), shown in one corner of the window. */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { toUserError } from "../api/errors.ts";

interface Notification {
    id: number;
    tone: "error" | "info";
    text: string;
}

interface NotificationsValue {
    notifications: Notification[];
    /** Shows an error from a failed call (or any thrown value) in plain words. */
    notifyError: (error: unknown, context?: string) => void;
    notifyInfo: (text: string) => void;
    dismiss: (id: number) => void;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);
const SHOWN_MS = { error: 9000, info: 2500 } as const;

export function NotificationsProvider({ children }: { children: ReactNode }) {
    const [notifications, setNotifications] = useState<Notification[]>([]);
    const nextId = useRef(1);
    const dismiss = useCallback((id: number) => setNotifications((list) => list.filter((item) => item.id !== id)), []);
    const push = useCallback(
        (tone: Notification["tone"], text: string) => {
            const id = nextId.current++;
            setNotifications((list) => [...list.slice(-3), { id, tone, text }]);
            window.setTimeout(() => dismiss(id), SHOWN_MS[tone]);
        },
        [dismiss],
    );
    const notifyError = useCallback(
        (error: unknown, context?: string) => {
            const { code, message } = toUserError(error);
            if (code === "ABORTED" || code === "CONNECTION_LOST") return; // the stop was asked for; the banner covers the rest
            push("error", context ? `${context}: ${message}` : message);
        },
        [push],
    );
    const notifyInfo = useCallback((text: string) => push("info", text), [push]);
    const value = useMemo(() => ({ notifications, notifyError, notifyInfo, dismiss }), [notifications, notifyError, notifyInfo, dismiss]);
    return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsValue {
    const value = useContext(NotificationsContext);
    if (!value) throw new Error("useNotifications outside NotificationsProvider");
    return value;
}
