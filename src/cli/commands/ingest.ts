import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { IngestProgressBar } from "../IngestProgressBar.js";
import { printJson, formatIngestReport } from "../output.js";
import { abortOnInterrupt } from "../abortOnInterrupt.js";

export function registerIngest(program: Command, context: CliContext): void {
    program
        .command("ingest")
        .description("index the documents in one or more folders (PDF, DOCX, Markdown, text, HTML)")
        .argument("<folder...>", "folders or files to index")
        .requiredOption("-c, --collection <name>", "collection to index into (created when missing)")
        .option("--embedder <name>", 'embedder model for a new collection, or "none" for keyword search only')
        .action(async (folders: string[], options: { collection: string; embedder?: string }) => {
            const bar = context.json ? null : new IngestProgressBar(process.stderr);
            const signal = abortOnInterrupt();
            try {
                const report = await context.enclave().ingest(
                    { collection: options.collection, folders, embedder: options.embedder },
                    { onEvent: (event) => bar?.update(event), signal },
                );
                bar?.stop();
                if (context.json) printJson(report);
                else process.stdout.write(formatIngestReport(report));
            } finally {
                bar?.stop();
            }
        });
}
