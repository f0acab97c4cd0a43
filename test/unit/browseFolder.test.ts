import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { browseFolder } from "../../src/core/files/browseFolder.js";
import { makeTempDir } from "../helpers/assets.js";

describe("browseFolder", () => {
    const dir = makeTempDir("browse");

    beforeAll(() => {
        for (const folder of ["beta", "Alpha", "folder 10", "folder 9", ".git"]) fs.mkdirSync(path.join(dir, folder));
        fs.writeFileSync(path.join(dir, "notes.md"), "# Notes\n");
        fs.writeFileSync(path.join(dir, "Report.PDF"), "%PDF-1.7");
        fs.writeFileSync(path.join(dir, "model.gguf"), Buffer.alloc(1234));
        fs.writeFileSync(path.join(dir, ".env"), "SECRET=1");
        fs.symlinkSync(path.join(dir, "Alpha"), path.join(dir, "linked"));
        fs.symlinkSync(path.join(dir, "missing.txt"), path.join(dir, "dangling.txt"));
    });

    it("lists folders first, then files, by name; hidden and dangling entries left out; supported types marked", async () => {
        const listing = await browseFolder(dir);
        expect(listing.path).toBe(dir);
        expect(listing.parent).toBe(path.dirname(dir));
        expect(listing.entries).toEqual([
            { name: "Alpha", path: path.join(dir, "Alpha"), kind: "folder" },
            { name: "beta", path: path.join(dir, "beta"), kind: "folder" },
            { name: "folder 9", path: path.join(dir, "folder 9"), kind: "folder" },
            { name: "folder 10", path: path.join(dir, "folder 10"), kind: "folder" },
            { name: "linked", path: path.join(dir, "linked"), kind: "folder" },
            { name: "model.gguf", path: path.join(dir, "model.gguf"), kind: "file", supported: false, sizeBytes: 1234 },
            { name: "notes.md", path: path.join(dir, "notes.md"), kind: "file", supported: true, sizeBytes: 8 },
            { name: "Report.PDF", path: path.join(dir, "Report.PDF"), kind: "file", supported: true, sizeBytes: 8 },
        ]);
    });

    it("starts at home, offers home first among the roots, and has no parent at the file system root", async () => {
        const home = path.join(dir, "beta");
        const listing = await browseFolder(undefined, { home });
        expect(listing.path).toBe(home);
        expect(listing.roots[0]).toEqual({ name: "Home", path: home });
        for (const root of listing.roots) expect(fs.statSync(root.path).isDirectory()).toBe(true);
        expect((await browseFolder(path.parse(dir).root)).parent).toBeNull();
        expect((await browseFolder(undefined)).path).toBe(os.homedir());
    });

    it("names the path and the reason when it cannot list", async () => {
        const missing = path.join(dir, "nope");
        await expect(browseFolder(missing)).rejects.toMatchObject({ code: "PATH_NOT_FOUND", message: `${missing}: no such folder` });
        const file = path.join(dir, "notes.md");
        await expect(browseFolder(file)).rejects.toMatchObject({ code: "NOT_A_FOLDER", message: expect.stringContaining(file) });
    });

    it.skipIf(process.getuid?.() === 0)("reports a folder it may not read", async () => {
        const locked = path.join(dir, "locked");
        fs.mkdirSync(locked, { mode: 0o000 });
        await expect(browseFolder(locked)).rejects.toMatchObject({ code: "FOLDER_UNREADABLE", message: `${locked} cannot be read: permission denied` });
        fs.chmodSync(locked, 0o755);
    });
});
