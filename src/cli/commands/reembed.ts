import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { formatCollections, printJson } from "../output.js";

export function registerReembed(program: Command, context: CliContext): void {
    program
        .command("reembed")
        .description("re-embed a collection with another embedder, or drop its vectors with --embedder none")
        .requiredOption("-c, --collection <name>", "collection to re-embed")
        .requiredOption("--embedder <name>", 'embedder model (name or path), or "none"')
        .action(async (options: { collection: string; embedder: string }) => {
            const info = await context.enclave().reembed(options, {
                onEvent: (event) => {
                    if (!context.json && event.type === "embed") process.stderr.write(`\rEmbedded ${event.chunksDone}/${event.chunksTotal} chunks`);
                },
            });
            if (context.json) printJson(info);
            else process.stdout.write(`\n${formatCollections([info])}`);
        });
}
