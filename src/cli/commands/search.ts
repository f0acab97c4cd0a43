import path from "node:path";
import { Option, type Command } from "commander";
import type { FileType, SearchMode } from "../../core/types.js";
import type { CliContext } from "../CliContext.js";
import { formatSearchResult, printJson } from "../output.js";
import { positiveInteger } from "./parseNumber.js";

export function registerSearch(program: Command, context: CliContext): void {
    program
        .command("search")
        .description("find the passages that best match a query, with file, page and scores")
        .argument("<query>", "what to look for")
        .requiredOption("-c, --collection <name>", "collection to search")
        .addOption(new Option("--mode <mode>", "bm25, vector or hybrid (default: hybrid with an embedder)").choices(["bm25", "vector", "hybrid"]))
        .option("-k <n>", "number of results (default 8)", positiveInteger)
        .option("--path <prefix...>", "only files under these paths")
        .addOption(new Option("--type <type...>", "only these file types").choices(["pdf", "docx", "md", "txt", "html"]))
        .option("--no-rerank", "skip the reranker even when one is installed")
        .action(async (query: string, options: { collection: string; mode?: SearchMode; k?: number; path?: string[]; type?: FileType[]; rerank: boolean }) => {
            const result = await context.enclave().search({
                collection: options.collection,
                query,
                mode: options.mode,
                k: options.k,
                rerank: options.rerank,
                filters: { pathPrefixes: options.path?.map((prefix) => path.resolve(prefix)), fileTypes: options.type },
            });
            if (context.json) printJson(result);
            else process.stdout.write(formatSearchResult(result));
        });
}
