/** How numbers, sizes, times and paths read in the UI. */

export function fileName(path: string): string {
    const parts = path.split(/[\\/]/u).filter(Boolean);
    return parts[parts.length - 1] ?? path;
}

/** The folder part of a path, for a second line under a file name. */
export function folderOf(path: string): string {
    const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
    return cut > 0 ? path.slice(0, cut) : path;
}

export function formatBytes(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    const units = ["KB", "MB", "GB", "TB"];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export { formatCount } from "../../../src/core/text/formatCount.ts";

export function formatMs(ms: number): string {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatDuration(seconds: number): string {
    if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return `${minutes} min`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** "5 minutes ago", "yesterday"; older than a week: the date. */
export function formatWhen(iso: string, now = Date.now()): string {
    const then = Date.parse(iso);
    const seconds = Math.round((then - now) / 1000);
    if (Math.abs(seconds) < 45) return "just now";
    if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), "minute");
    if (Math.abs(seconds) < 86400) return relative.format(Math.round(seconds / 3600), "hour");
    if (Math.abs(seconds) < 7 * 86400) return relative.format(Math.round(seconds / 86400), "day");
    return dateTime.format(then);
}

export function formatScore(score: number | undefined): string {
    if (score === undefined) return "–";
    return Math.abs(score) >= 100 ? score.toFixed(0) : score.toPrecision(3);
}

/** "p. 4" or "pp. 4–5". */
export function formatPages(page: number, pageEnd = page): string {
    return pageEnd > page ? `pp. ${page}–${pageEnd}` : `p. ${page}`;
}
