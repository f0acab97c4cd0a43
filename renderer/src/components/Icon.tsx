/** The few line icons the UI uses, drawn inline (no icon font, nothing fetched). */

const PATHS = {
    plus: "M12 5v14M5 12h14",
    folder: "M3 6.5A1.5 1.5 0 0 1 4.5 5h4l2 2.5h9A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z",
    chat: "M4 5h16v11H9l-5 4z",
    settings:
        "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM19.4 13a7.6 7.6 0 0 0 0-2l2-1.6-2-3.4-2.4 1a7.4 7.4 0 0 0-1.7-1L15 3.5h-4l-.3 2.5a7.4 7.4 0 0 0-1.7 1l-2.4-1-2 3.4 2 1.6a7.6 7.6 0 0 0 0 2l-2 1.6 2 3.4 2.4-1a7.4 7.4 0 0 0 1.7 1l.3 2.5h4l.3-2.5a7.4 7.4 0 0 0 1.7-1l2.4 1 2-3.4z",
    trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
    edit: "M4 20h4L19 9l-4-4L4 16zM13 7l4 4",
    close: "M6 6l12 12M18 6L6 18",
    copy: "M9 9h11v11H9zM5 15H4V4h11v1",
    download: "M12 4v11M7 10l5 5 5-5M5 20h14",
    stop: "M7 7h10v10H7z",
    send: "M4 12l16-8-6 16-2-7z",
    chevronLeft: "M15 5l-7 7 7 7",
    chevronRight: "M9 5l7 7-7 7",
    chevronDown: "M5 9l7 7 7-7",
    external: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
    eye: "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
    alert: "M12 3l10 18H2zM12 10v5M12 18v.5",
    info: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5V8",
    check: "M5 12.5l4.5 4.5L19 7",
    document: "M6 3h8l5 5v13H6zM14 3v5h5",
    collection: "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
    chip: "M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4",
    refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7",
    up: "M12 19V5M5 12l7-7 7 7",
    search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
    return (
        <svg
            className={className ? `icon ${className}` : "icon"}
            width={size}
            height={size}
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            <path d={PATHS[name]} />
        </svg>
    );
}
