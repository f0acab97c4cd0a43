import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileError } from "../../src/core/errors.js";
import { extractFile, fileTypeOf, SUPPORTED_EXTENSIONS } from "../../src/core/ingest/loaders/index.js";
import { FIXTURES_DIR, IRS_DIR, makeTempDir } from "../helpers/assets.js";

const fixture = (name: string): string => path.join(FIXTURES_DIR, name);

/** The reason of the FileError that extracting `filePath` throws. */
async function failureReason(filePath: string, options?: { maxBytes?: number }): Promise<string> {
    const error: unknown = await extractFile(filePath, options).then(
        () => null,
        (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).path).toBe(filePath);
    return (error as FileError).reason;
}

function pageOf(pageStarts: number[], offset: number): number {
    return pageStarts.filter((start) => start <= offset).length;
}

describe("file types", () => {
    it("maps every supported extension, case-insensitively", () => {
        expect(Object.keys(SUPPORTED_EXTENSIONS).sort()).toEqual([".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".text", ".txt"]);
        expect(fileTypeOf("/a/Report.PDF")).toBe("pdf");
        expect(fileTypeOf("notes.markdown")).toBe("md");
        expect(fileTypeOf("page.htm")).toBe("html");
        expect(fileTypeOf("data.xlsx")).toBeNull();
        expect(fileTypeOf("README")).toBeNull();
        expect(fileTypeOf("toString")).toBeNull();
    });
});

describe("PDF", () => {
    it("extracts pages with offsets, metadata title, cleaned text and line-end hyphenation", async () => {
        const doc = await extractFile(fixture("sample.pdf"));
        expect(doc).toMatchObject({ fileType: "pdf", title: "Enclave Sample PDF", structure: "plain" });
        expect(doc.pageStarts).toHaveLength(3);
        expect(doc.pageStarts[0]).toBe(0);
        // Pages are joined with a blank line; page 2 is blank.
        expect(doc.text.slice(doc.pageStarts[1]! - 2, doc.pageStarts[1])).toBe("\n\n");
        expect(pageOf(doc.pageStarts, doc.text.indexOf("apples"))).toBe(1);
        expect(pageOf(doc.pageStarts, doc.text.indexOf("zebra crossing"))).toBe(3);
        expect(doc.text).toContain("apples and example hyphenation");
        // The document spells "self-employment" with a hyphen, so the line-end hyphen stays.
        expect(doc.text).toContain("It is self-employment income");
        expect(doc.text).not.toMatch(/[ \t]{2}|[\u0000-\u0008]/);
    });

    it("finds a known passage of an IRS publication on the physical page a viewer shows", async () => {
        const doc = await extractFile(path.join(IRS_DIR, "p17.pdf"));
        expect(doc.title).toBe("2023 Publication 17");
        expect(doc.pageStarts).toHaveLength(142);
        const phrase = "Responsibility of parent. Generally, a child is";
        const offset = doc.text.indexOf(phrase);
        expect(offset).toBeGreaterThan(0);
        expect(doc.text.lastIndexOf(phrase)).toBe(offset);
        expect(pageOf(doc.pageStarts, offset)).toBe(10);
        // "de-\ncedent's" on that page is rejoined.
        expect(doc.text.slice(doc.pageStarts[9], doc.pageStarts[10])).toContain("filing a decedent's final return");
        expect(doc.text).not.toContain("\u0000");
    });

    it("drops a meaningless metadata title", async () => {
        const doc = await extractFile(path.join(IRS_DIR, "regulation_1_6011_4.pdf"));
        expect(doc.title).toBe("Regulation 1_6011_4");
    });

    it("refuses encrypted, truncated, text-less and mislabelled PDFs with clear reasons", async () => {
        expect(await failureReason(fixture("encrypted.pdf"))).toBe("password-protected (encrypted) PDF");
        expect(await failureReason(fixture("truncated.pdf"))).toBe("corrupt or not a valid PDF");
        expect(await failureReason(fixture("blank.pdf"))).toBe("no extractable text (scanned images or empty pages)");
        expect(await failureReason(fixture("not-really.pdf"))).toBe("not a PDF file (content does not match the .pdf extension)");
    });
});

describe("DOCX", () => {
    it("keeps headings as Markdown", async () => {
        const doc = await extractFile(fixture("sample.docx"));
        expect(doc).toMatchObject({ fileType: "docx", title: "Sample Report", structure: "markdown", pageStarts: [0] });
        expect(doc.text).toMatch(/^# Sample Report\n/);
        expect(doc.text).toContain("## Findings\n\nRevenue grew by twelve percent in the third quarter.");
        expect(doc.text).toContain("### Details");
    });

    it("refuses a file that is not a ZIP archive", async () => {
        expect(await failureReason(fixture("not-a-zip.docx"))).toBe("not a DOCX file (content does not match the .docx extension)");
    });
});

describe("HTML, Markdown and text", () => {
    it("converts HTML to Markdown without scripts, styles, navigation or image data", async () => {
        const doc = await extractFile(fixture("sample.html"));
        expect(doc).toMatchObject({ fileType: "html", title: "Harbour & Lighthouse Notes", structure: "markdown", pageStarts: [0] });
        expect(doc.text).toMatch(/^# Lighthouses\n\nThe old lighthouse was built in 1887\.\n\n## Keepers/);
        expect(doc.text).toContain("lighthouse drawing");
        for (const unwanted of ["tracking code", "color: red", "Menu link text", "base64", "Harbour"]) {
            expect(doc.text).not.toContain(unwanted);
        }
    });

    it("reads Markdown as is, titled by its first heading", async () => {
        const doc = await extractFile(fixture("sample.md"));
        expect(doc).toMatchObject({ fileType: "md", title: "Field Guide", structure: "markdown", pageStarts: [0] });
        expect(doc.text).toBe(fs.readFileSync(fixture("sample.md"), "utf8"));
    });

    it("reads plain text as one untitled page", async () => {
        const doc = await extractFile(fixture("sample.txt"));
        expect(doc).toEqual({
            fileType: "txt",
            title: null,
            text: "Plain notes\n\nThe kettle is in the second cupboard.\nMugs are on the shelf.\n",
            pageStarts: [0],
            structure: "plain",
        });
    });

    it("decodes UTF-16 with a byte-order mark, strips a UTF-8 one, and falls back to Latin-1", async () => {
        expect((await extractFile(fixture("utf16.txt"))).text).toBe("UTF-16 text: café ☕\n");
        const dir = makeTempDir("loaders");
        fs.writeFileSync(path.join(dir, "bom.md"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("# Titel\n\nÜber uns", "utf8")]));
        const markdown = await extractFile(path.join(dir, "bom.md"));
        expect(markdown.text).toBe("# Titel\n\nÜber uns");
        expect(markdown.title).toBe("Titel");
        fs.writeFileSync(path.join(dir, "legacy.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        expect((await extractFile(path.join(dir, "legacy.txt"))).text).toBe("café");
    });

    it("refuses binary content in a text file", async () => {
        expect(await failureReason(fixture("binary.txt"))).toBe("not a text file (binary content)");
        const dir = makeTempDir("loaders");
        fs.writeFileSync(path.join(dir, "controls.md"), Buffer.from([0x01, 0x02, 0x03, 0x04, 0x41, 0x05, 0x06, 0x07, 0x08, 0x0e]));
        expect(await failureReason(path.join(dir, "controls.md"))).toBe("not a text file (binary content)");
    });
});

describe("file-level failures", () => {
    it("refuses empty, oversized, missing and unsupported files", async () => {
        expect(await failureReason(fixture("empty.txt"))).toBe("file is empty");
        expect(await failureReason(fixture("sample.txt"), { maxBytes: 10 })).toBe("too large (74 bytes; limit 10 bytes)");
        expect(await failureReason(path.join(IRS_DIR, "p17.pdf"), { maxBytes: 1024 * 1024 })).toMatch(/^too large \(\d+ MB; limit 1 MB\)$/);
        expect(await failureReason(fixture("does-not-exist.txt"))).toBe("file not found");
        expect(await failureReason(fixture("make-fixtures.ts"))).toBe("unsupported file type (.ts)");
    });

    it("reports a folder named like a document", async () => {
        const dir = makeTempDir("loaders");
        fs.mkdirSync(path.join(dir, "folder.md"));
        expect(await failureReason(path.join(dir, "folder.md"))).toBe("is a folder, not a file");
    });

    // Root reads any file whatever its mode, so the permission check only means something for other users.
    it.skipIf(process.getuid?.() === 0)("reports a file it may not read", async () => {
        const dir = makeTempDir("loaders");
        const file = path.join(dir, "secret.txt");
        fs.writeFileSync(file, "secret");
        fs.chmodSync(file, 0o000);
        expect(await failureReason(file)).toBe("cannot read file: permission denied");
    });
});
