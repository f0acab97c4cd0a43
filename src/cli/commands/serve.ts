import { once } from "node:events";
import type { Command } from "commander";
import { LoopbackServer } from "../../server/LoopbackServer.js";
import { abortOnInterrupt } from "../abortOnInterrupt.js";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../output.js";
import { portNumber } from "./parseNumber.js";

interface ServeOptions {
    port?: number;
    log?: boolean;
}

export function registerServe(program: Command, context: CliContext): void {
    program
        .command("serve")
        .description("serve the API (and the UI, when built) to this machine only, on 127.0.0.1")
        .option("--port <n>", "port to listen on (default: a free one)", portNumber)
        .option("--log", "print one line per request to stderr")
        .action(async (options: ServeOptions) => {
            const enclave = context.enclave();
            const server = new LoopbackServer(enclave, {
                port: options.port,
                onRequest: options.log
                    ? (entry) => process.stderr.write(`${entry.method} ${entry.path} ${entry.status} ${Math.round(entry.durationMs)} ms${entry.cancelled ? " (cancelled)" : ""}\n`)
                    : undefined,
            });
            await server.start();
            // Watchers are closed by the engine's dispose when the command ends.
            await enclave.resumeWatching();
            // The token travels in the fragment, which browsers never send to a server (nor into its logs).
            const url = `${server.origin}/#token=${server.token}`;
            if (context.json) printJson({ url, origin: server.origin, port: server.port, token: server.token });
            else process.stdout.write(`Enclave is serving on ${server.origin} (this machine only).\nOpen: ${url}\nPress Ctrl+C to stop.\n`);
            await once(abortOnInterrupt(), "abort");
            await server.close();
        });
}
