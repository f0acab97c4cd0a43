import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { formatDoctor, printJson } from "../output.js";

export function registerDoctor(program: Command, context: CliContext): void {
    program
        .command("doctor")
        .description("show models found, inference backend, threads, GPU, versions and the data folder")
        .action(async () => {
            const report = await context.enclave().doctor();
            if (context.json) printJson(report);
            else process.stdout.write(formatDoctor(report));
        });
}
