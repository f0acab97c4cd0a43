import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/core/text/formatCount.js";

describe("formatCount", () => {
    it("puts the noun in the number the count needs, with a given plural and grouped digits", () => {
        expect(formatCount(1, "file")).toBe("1 file");
        expect(formatCount(0, "file")).toBe("0 files");
        expect(formatCount(3, "folder")).toBe("3 folders");
        expect(formatCount(2, "entry", "entries")).toBe("2 entries");
        expect(formatCount(1519, "page")).toBe((1519).toLocaleString() + " pages");
    });
});
