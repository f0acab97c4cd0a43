import type { Command } from "commander";
import { EnclaveError } from "../../core/errors.js";
import type { CliContext } from "../CliContext.js";
import { formatCollections, printJson } from "../output.js";

export function registerCollections(program: Command, context: CliContext): void {
    program
        .command("collections")
        .description("list collections with their documents, pages, chunks and embedder")
        .action(async () => {
            const collections = await context.enclave().collections();
            if (context.json) printJson(collections);
            else process.stdout.write(formatCollections(collections));
        });

    program
        .command("remove")
        .description("delete a collection's index (your files are never touched)")
        .argument("<name>", "collection to delete")
        .action(async (name: string) => {
            const removed = await context.enclave().removeCollection(name);
            if (!removed) throw new EnclaveError("COLLECTION_NOT_FOUND", `No collection named "${name}".`);
            if (context.json) printJson({ removed: name });
            else process.stdout.write(`Removed collection "${name}".\n`);
        });
}
