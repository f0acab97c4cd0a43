import TurndownService from "turndown";
import type { ExtractedDocument } from "../../types.js";
import { firstHeading } from "../sections.js";
import { decodeText } from "./text.js";

const TITLE_ELEMENT = /<title[^>]*>([\s\S]*?)<\/title>/i;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

const turndown = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
// Navigation, scripts and styles are not content; images keep only their alt text (data URIs would bloat chunks).
turndown.remove(["head", "title", "script", "style", "nav", "noscript", "template"]);
turndown.addRule("imageAltText", { filter: "img", replacement: (_content, node) => node.getAttribute("alt") ?? "" });

/** Markdown for an HTML string, with ATX (`#`) headings so that the chunker sees the document structure. */
export function htmlToMarkdown(html: string): string {
    return turndown.turndown(html);
}

export function extractHtml(bytes: Uint8Array, filePath: string): ExtractedDocument {
    const html = decodeText(bytes, filePath);
    const text = htmlToMarkdown(html);
    const title = titleElement(html) ?? firstHeading(text);
    return { fileType: "html", title, text, pageStarts: [0], structure: "markdown" };
}

function titleElement(html: string): string | null {
    const raw = TITLE_ELEMENT.exec(html)?.[1];
    if (raw === undefined) return null;
    const title = decodeEntities(raw.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
    return title === "" ? null : title;
}

function decodeEntities(text: string): string {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
        if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
        if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
        return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    });
}
