import { describe, expect, it } from "vitest";
import { planIngest } from "../../src/core/ingest/planIngest.js";
import type { FoundFile } from "../../src/core/ingest/scanFolders.js";
import type { DocumentRecord } from "../../src/core/types.js";

function found(path: string, size = 100, mtimeMs = 1000): FoundFile {
    return { path, fileType: "pdf", size, mtimeMs };
}

function indexed(path: string, size = 100, mtimeMs = 1000): DocumentRecord {
    return {
        docId: `id-${path}`,
        path,
        fileType: "pdf",
        contentHash: `hash-${path}`,
        size,
        mtimeMs,
        pages: 1,
        chunks: 1,
        title: null,
        pageStarts: [0],
        indexedAt: "2026-01-01T00:00:00.000Z",
    };
}

describe("planIngest", () => {
    it("reads every file of a new collection", () => {
        const plan = planIngest([found("/a/1.pdf"), found("/a/2.pdf")], [], ["/a"]);
        expect(plan.candidates.map((c) => c.file.path)).toEqual(["/a/1.pdf", "/a/2.pdf"]);
        expect(plan.candidates.every((c) => c.previous === null)).toBe(true);
        expect(plan.unchanged).toEqual([]);
        expect(plan.removed).toEqual([]);
    });

    it("skips files whose size and mtime match without reading them", () => {
        const plan = planIngest([found("/a/1.pdf")], [indexed("/a/1.pdf")], ["/a"]);
        expect(plan.candidates).toEqual([]);
        expect(plan.unchanged.map((d) => d.path)).toEqual(["/a/1.pdf"]);
    });

    it("re-reads a file whose size or mtime changed, passing the indexed version for the hash check", () => {
        const plan = planIngest([found("/a/1.pdf", 100, 2000), found("/a/2.pdf", 120)], [indexed("/a/1.pdf"), indexed("/a/2.pdf")], ["/a"]);
        expect(plan.candidates.map((c) => [c.file.path, c.previous?.contentHash])).toEqual([
            ["/a/1.pdf", "hash-/a/1.pdf"],
            ["/a/2.pdf", "hash-/a/2.pdf"],
        ]);
    });

    it("removes indexed files that disappeared under a scanned root", () => {
        const plan = planIngest([found("/a/1.pdf")], [indexed("/a/1.pdf"), indexed("/a/sub/gone.pdf")], ["/a"]);
        expect(plan.removed.map((d) => d.path)).toEqual(["/a/sub/gone.pdf"]);
    });

    it("keeps documents that came from other folders of the same collection", () => {
        const plan = planIngest([found("/b/1.pdf")], [indexed("/a/1.pdf"), indexed("/ab/2.pdf")], ["/b", "/a/x"]);
        expect(plan.removed).toEqual([]);
        expect(plan.candidates.map((c) => c.file.path)).toEqual(["/b/1.pdf"]);
    });

    it("treats a root that is a single file as covering only that file", () => {
        const plan = planIngest([], [indexed("/a/1.pdf"), indexed("/a/10.pdf")], ["/a/1.pdf"]);
        expect(plan.removed.map((d) => d.path)).toEqual(["/a/1.pdf"]);
    });
});
