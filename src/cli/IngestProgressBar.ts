import path from "node:path";
import cliProgress from "cli-progress";
import { formatCount } from "../core/text/formatCount.js";
import type { IngestEvent } from "../core/types.js";

/**
 * Shows ingest progress on a terminal: files, pages, chunks, ETA and the current file, with failures listed
 * above the bar as they happen. On a non-terminal stream only failures and the scan summary are written.
 */
export class IngestProgressBar {
    private readonly bars: cliProgress.MultiBar;
    private bar: cliProgress.SingleBar | null = null;
    private readonly interactive: boolean;

    constructor(private readonly stream: NodeJS.WriteStream) {
        this.interactive = Boolean(stream.isTTY);
        this.bars = new cliProgress.MultiBar(
            {
                stream,
                format: " {bar} {value}/{total} files | {pages} pages | {chunks} chunks | ETA {eta_text} | {file}",
                barsize: 24,
                hideCursor: true,
                clearOnComplete: true,
                etaBuffer: 1,
            },
            cliProgress.Presets.shades_classic,
        );
    }

    update(event: IngestEvent): void {
        switch (event.type) {
            case "scan":
                this.log(
                    `Found ${formatCount(event.filesTotal, "file")}: ${event.toProcess} to read, ${event.unchanged} unchanged, ${event.removed} removed.`,
                );
                if (this.interactive && event.toProcess > 0)
                    this.bar = this.bars.create(event.filesTotal, event.unchanged, { pages: 0, chunks: 0, eta_text: "…", file: "" });
                break;
            case "file-failed":
                this.log(`  skipped ${event.path}: ${event.reason}`);
                break;
            case "progress":
                this.bar?.update(event.filesDone, {
                    pages: event.pagesDone,
                    chunks: event.chunksDone,
                    eta_text: event.etaSeconds === null ? "…" : `${event.etaSeconds}s`,
                    file: event.currentFile ? path.basename(event.currentFile) : "",
                });
                break;
            default:
                break;
        }
    }

    stop(): void {
        this.bars.stop();
        this.bar = null;
    }

    private log(line: string): void {
        if (this.bar) this.bars.log(`${line}\n`);
        else this.stream.write(`${line}\n`);
    }
}
