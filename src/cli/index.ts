#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { Enclave } from "../core/api/Enclave.js";
import { EnclaveError, errorMessage } from "../core/errors.js";
import { denyNetwork } from "../core/system/denyNetwork.js";
import { registerCommands } from "./commands/index.js";
import type { CliContext } from "./CliContext.js";

denyNetwork();

const program = new Command()
    .name("enclave")
    .description("Ask your private documents, fully offline. Answers cite the file and page.")
    .option("--data <dir>", "data folder (collections, settings); default: ENCLAVE_DATA_DIR or the OS app-data folder")
    .option("--json", "print stable JSON instead of human-readable output")
    .showHelpAfterError()
    .exitOverride();

const engine: { instance: Enclave | null } = { instance: null };
const context: CliContext = {
    get json() {
        return Boolean(program.opts().json);
    },
    enclave() {
        engine.instance ??= new Enclave({ dataDir: program.opts().data as string | undefined });
        return engine.instance;
    },
};
registerCommands(program, context);

try {
    await program.parseAsync(process.argv);
} catch (error) {
    process.exitCode = reportError(error);
} finally {
    await engine.instance?.dispose();
}

function reportError(error: unknown): number {
    if (error instanceof CommanderError) return error.exitCode;
    const code = error instanceof EnclaveError ? error.code : "INTERNAL";
    if (context.json) process.stdout.write(`${JSON.stringify({ error: { code, message: errorMessage(error) } })}\n`);
    else process.stderr.write(`enclave: ${errorMessage(error)}\n`);
    if (!(error instanceof EnclaveError) && process.env.ENCLAVE_DEBUG) console.error(error);
    return error instanceof EnclaveError ? 1 : 2;
}
