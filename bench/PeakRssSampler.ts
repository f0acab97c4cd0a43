import fs from "node:fs";

/**
 * Peak resident memory of this process and all its descendants (the embedder runs in a child process), sampled
 * from /proc every `intervalMs`. Elsewhere than Linux it reports this process's own peak only.
 */
export class PeakRssSampler {
    private peakBytes = 0;
    private readonly timer: NodeJS.Timeout | null;

    constructor(intervalMs = 100) {
        this.timer = fs.existsSync("/proc/self/status") ? setInterval(() => this.sample(), intervalMs) : null;
        this.timer?.unref();
    }

    stop(): number {
        if (this.timer) clearInterval(this.timer);
        this.sample();
        return Math.max(this.peakBytes, process.resourceUsage().maxRSS * 1024);
    }

    private sample(): void {
        if (!this.timer) return;
        const total = [process.pid, ...descendants(process.pid)].reduce((sum, pid) => sum + rssBytes(pid), 0);
        this.peakBytes = Math.max(this.peakBytes, total);
    }
}

function descendants(root: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            // The parent pid is the 2nd field after the parenthesised command name, which may contain spaces.
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
        } catch {
            // The process ended while we looked.
        }
    }
    const found: number[] = [];
    const stack = [root];
    while (stack.length > 0) for (const child of children.get(stack.pop()!) ?? []) found.push(child), stack.push(child);
    return found;
}

function rssBytes(pid: number): number {
    try {
        const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return match ? Number(match[1]) * 1024 : 0;
    } catch {
        return 0;
    }
}
