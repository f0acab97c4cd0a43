import path from "node:path";
import type { CollectionInfo, DoctorReport } from "../core/api/contract.js";
import { formatCount } from "../core/text/formatCount.js";
import type { AnswerResult, Citation, IngestReport, SearchHit, SearchResult } from "../core/types.js";

export function printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Paths under the working folder are shown relative to it; others in full. */
export function displayPath(filePath: string): string {
    const relative = path.relative(process.cwd(), filePath);
    return relative.startsWith("..") || path.isAbsolute(relative) ? filePath : relative;
}

function pages(start: number, end: number): string {
    return start === end ? `p. ${start}` : `pp. ${start}–${end}`;
}

function excerpt(text: string, max = 220): string {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function formatIngestReport(report: IngestReport): string {
    const lines = [
        `Indexed ${report.files - report.skipped - report.failed.length} of ${formatCount(report.files, "file")} into "${report.collection}" in ${report.seconds}s: ` +
            `${formatCount(report.pages, "page")}, ${formatCount(report.chunks, "chunk")}; ${report.skipped} unchanged, ${report.removed} removed, ${report.failed.length} failed.`,
        report.embedder ? `Embedder: ${report.embedder}.` : "No embedder: search is keyword (BM25) only.",
    ];
    if (report.failed.length > 0) {
        lines.push("Not indexed:");
        for (const failure of report.failed) lines.push(`  ${displayPath(failure.path)}: ${failure.reason}`);
    }
    return `${lines.join("\n")}\n`;
}

export function formatSources(citations: Citation[]): string {
    return citations
        .map((citation) => `  [${citation.n}] ${displayPath(citation.path)}, ${pages(citation.page, citation.pageEnd)}\n      "${excerpt(citation.excerpt, 320)}"`)
        .join("\n");
}

export function formatAnswerFooter(result: AnswerResult): string {
    const lines: string[] = [];
    if (result.citations.length > 0) lines.push("", "Sources:", formatSources(result.citations));
    if (result.flags.uncited) lines.push("", "Warning: this answer cites none of the sources; check it against them.");
    if (result.flags.invalidCitations.length > 0)
        lines.push(`Warning: the answer cites sources that do not exist: ${result.flags.invalidCitations.map((n) => `[${n}]`).join(" ")}.`);
    for (const notice of result.notices) lines.push(`Note: ${notice}`);
    const t = result.timings;
    const generation = t.tokensPerSecond ? `, ${t.tokens} tokens at ${t.tokensPerSecond.toFixed(1)} tokens/s` : "";
    lines.push("", `${result.model ? `Model: ${result.model}` : "Extractive answer (no chat model)"} · ${(t.totalMs / 1000).toFixed(1)}s${generation}`);
    return `${lines.join("\n")}\n`;
}

export function formatSearchResult(result: SearchResult): string {
    const lines = [`${result.hits.length} results (${result.mode}${result.reranked ? ", reranked" : ""}, ${Math.round(result.timings.totalMs)} ms)`];
    for (const notice of result.notices) lines.push(`Note: ${notice}`);
    result.hits.forEach((hit: SearchHit, index) => {
        const heading = hit.headingPath.length > 0 ? ` · ${hit.headingPath.join(" > ")}` : "";
        lines.push(
            "",
            `${index + 1}. ${displayPath(hit.path)}, ${pages(hit.pageStart, hit.pageEnd)}${heading}  (score ${hit.score.toFixed(4)})`,
            `   ${excerpt(hit.text, 400)}`,
        );
    });
    return `${lines.join("\n")}\n`;
}

export function formatCollections(collections: CollectionInfo[]): string {
    if (collections.length === 0) return 'No collections yet. Create one with: enclave ingest <folder> --collection <name>\n';
    const rows = collections.map(
        (c) => `${c.name.padEnd(20)} ${String(c.documents).padStart(6)} docs ${String(c.pages).padStart(7)} pages ${String(c.chunks).padStart(8)} chunks  ${c.embedder ?? "keyword only"}`,
    );
    return `${rows.join("\n")}\n`;
}

function gigabytes(bytes: number): string {
    return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function formatDoctor(report: DoctorReport): string {
    const lines = [
        `Enclave ${report.versions.enclave} on ${report.platform}, Node ${report.versions.node}`,
        `CPU: ${report.cpu.model}, ${report.cpu.cores} cores; inference threads: ${report.cpu.threads}`,
        `Memory: ${gigabytes(report.memory.freeBytes)} free of ${gigabytes(report.memory.totalBytes)}`,
        `GPU: ${report.gpu.backend ? `${report.gpu.backend} (${report.gpu.devices.join(", ")}, ${gigabytes(report.gpu.vramBytes)} VRAM)` : "none (CPU inference)"}`,
        `Data folder: ${report.dataDir}`,
        `Model folders (in search order):`,
        ...report.modelSearchPath.map((dir) => `  ${dir}`),
        `Models found: ${report.models.length === 0 ? "none" : ""}`,
        ...report.models.map((m) => `  ${m.kind.padEnd(8)} ${m.name}${m.bundled ? " (bundled default)" : ""}  ${gigabytes(m.sizeBytes)}  ${m.path}`),
        `Collections: ${report.collections.length === 0 ? "none" : report.collections.map((c) => `${c.name} (${c.documents} docs)`).join(", ")}`,
        `Versions: ${Object.entries(report.versions).filter(([name]) => !["enclave", "node"].includes(name)).map(([name, version]) => `${name} ${version}`).join(", ")}`,
    ];
    for (const notice of report.notices) lines.push(`Note: ${notice}`);
    return `${lines.join("\n")}\n`;
}
