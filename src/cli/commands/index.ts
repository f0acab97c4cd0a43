import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { registerAsk } from "./ask.js";
import { registerCollections } from "./collections.js";
import { registerDoctor } from "./doctor.js";
import { registerEval } from "./eval.js";
import { registerIngest } from "./ingest.js";
import { registerReembed } from "./reembed.js";
import { registerSearch } from "./search.js";
import { registerServe } from "./serve.js";

export function registerCommands(program: Command, context: CliContext): void {
    for (const register of [registerIngest, registerAsk, registerSearch, registerCollections, registerReembed, registerDoctor, registerEval, registerServe])
        register(program, context);
}
