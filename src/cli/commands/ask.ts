import type { Command } from "commander";
import type { SearchMode } from "../../core/types.js";
import { abortOnInterrupt } from "../abortOnInterrupt.js";
import type { CliContext } from "../CliContext.js";
import { formatAnswerFooter, printJson } from "../output.js";
import { nonNegativeNumber, positiveInteger } from "./parseNumber.js";

interface AskOptions {
    collection: string;
    model?: string;
    lora?: string;
    mode?: SearchMode;
    k?: number;
    temperature?: number;
    maxTokens?: number;
    sentences?: number;
}

export function registerAsk(program: Command, context: CliContext): void {
    program
        .command("ask")
        .description("answer a question from a collection, citing file and page")
        .argument("<question>", "the question, in quotes")
        .requiredOption("-c, --collection <name>", "collection to ask")
        .option("--model <file>", 'chat model (name or path); "none" for an extractive answer')
        .option("--lora <file>", "LoRA adapter applied on top of the chat model")
        .option("--mode <mode>", "retrieval: bm25, vector or hybrid")
        .option("-k <n>", "number of sources given to the model (default 4)", positiveInteger)
        .option("--temperature <t>", "sampling temperature (default 0.1)", nonNegativeNumber)
        .option("--max-tokens <n>", "longest answer in tokens (default 160)", positiveInteger)
        .option("--sentences <n>", "longest answer in sentences (default 1)", positiveInteger)
        .action(async (question: string, options: AskOptions) => {
            let streamed = "";
            const result = await context.enclave().ask(
                { question, ...options },
                {
                    signal: abortOnInterrupt(),
                    onToken: context.json
                        ? undefined
                        : (text) => {
                              streamed += text;
                              process.stdout.write(text);
                          },
                },
            );
            if (context.json) {
                printJson(result);
                return;
            }
            // The streamed text is the model's raw output; print the final answer when it was rewritten
            // (extractive answers, or a "not found" reply turned into the standard message).
            if (streamed.trim() !== result.answer.trim()) process.stdout.write(`${streamed ? "\n\n" : ""}${result.answer}`);
            process.stdout.write(`\n${formatAnswerFooter(result)}`);
        });
}
