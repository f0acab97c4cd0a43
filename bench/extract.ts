/**
 * Extraction and chunking speed on the IRS PDFs: `npx tsx bench/extract.ts [folder]`.
 * Runs on one core (the main thread), one file after another.
 */
import fs from "node:fs";
import path from "node:path";
import { Chunker } from "../src/core/ingest/Chunker.js";
import { extractFile } from "../src/core/ingest/loaders/index.js";
import type { ExtractedDocument } from "../src/core/types.js";

const folder = process.argv[2] ?? path.resolve(import.meta.dirname, "..", "..", "shared", "datasets", "irs-pdfs");
const files = fs.readdirSync(folder).filter((name) => name.endsWith(".pdf")).sort();

const documents: ExtractedDocument[] = [];
const extractStart = performance.now();
for (const name of files) documents.push(await extractFile(path.join(folder, name)));
const extractSeconds = (performance.now() - extractStart) / 1000;

const chunker = new Chunker();
const chunkStart = performance.now();
const chunks = documents.reduce((total, doc) => total + chunker.chunk(doc).length, 0);
const chunkSeconds = (performance.now() - chunkStart) / 1000;

const pages = documents.reduce((total, doc) => total + doc.pageStarts.length, 0);
const chars = documents.reduce((total, doc) => total + doc.text.length, 0);
console.log(`extract: ${files.length} files, ${pages} pages, ${chars} chars in ${extractSeconds.toFixed(1)} s (${(pages / extractSeconds).toFixed(1)} pages/s)`);
console.log(`chunk:   ${chunks} chunks in ${chunkSeconds.toFixed(2)} s`);
