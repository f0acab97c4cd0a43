import type { IngestEvent } from "../types.js";
import type { FoundFile } from "./scanFolders.js";

/** Turns per-file completions into progress events, with an ETA from the bytes processed per second. */
export class IngestProgress {
    private readonly started = performance.now();
    private readonly bytesToProcess: number;
    private bytesDone = 0;
    private filesDone: number;
    private pagesDone = 0;

    /** `toProcess` are the files that will be read; `filesTotal` and `alreadyDone` include the skipped ones. */
    constructor(
        toProcess: FoundFile[],
        private readonly filesTotal: number,
        alreadyDone: number,
        private readonly onEvent?: (event: IngestEvent) => void,
    ) {
        this.filesDone = alreadyDone;
        this.bytesToProcess = toProcess.reduce((sum, file) => sum + file.size, 0);
    }

    fileDone(file: FoundFile, pages: number, chunksDone: number): void {
        this.filesDone++;
        this.pagesDone += pages;
        this.bytesDone += file.size;
        this.onEvent?.({
            type: "progress",
            filesDone: this.filesDone,
            filesTotal: this.filesTotal,
            pagesDone: this.pagesDone,
            chunksDone,
            currentFile: file.path,
            etaSeconds: this.eta(),
        });
    }

    private eta(): number | null {
        const elapsed = (performance.now() - this.started) / 1000;
        if (this.bytesDone === 0 || elapsed < 0.5) return null;
        return Math.round((this.bytesToProcess - this.bytesDone) / (this.bytesDone / elapsed));
    }
}
