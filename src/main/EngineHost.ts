import { once } from "node:events";
import { utilityProcess, type MessagePortMain, type UtilityProcess } from "electron";
import type { EngineCommand } from "./engineCommands.js";

/** How long the engine may take to release its resources when the app quits before it is killed. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The engine's utility process, from the main process: started by the first page to connect, again after a crash. */
export class EngineHost {
    private child: UtilityProcess | null = null;

    /** @param entry the compiled engineProcess.js */
    constructor(private readonly entry: string) {}

    /** Hands the engine one end of a page's channel. */
    connect(port: MessagePortMain): void {
        this.send(this.running(), { type: "connect" }, [port]);
    }

    /** Lets the engine stop its calls and release its native resources, then waits for it to exit. */
    async stop(): Promise<void> {
        const child = this.child;
        if (!child) return;
        this.child = null;
        const exited = once(child, "exit");
        const kill = setTimeout(() => child.kill(), SHUTDOWN_TIMEOUT_MS);
        this.send(child, { type: "shutdown" });
        await exited;
        clearTimeout(kill);
    }

    private running(): UtilityProcess {
        if (this.child) return this.child;
        const child = utilityProcess.fork(this.entry, [], { serviceName: "Enclave engine", stdio: "inherit" });
        child.on("exit", (code) => {
            if (this.child !== child) return;
            this.child = null;
            process.stderr.write(`Enclave's engine stopped (exit code ${code}); reload the window to restart it.\n`);
        });
        this.child = child;
        return child;
    }

    private send(child: UtilityProcess, command: EngineCommand, ports: MessagePortMain[] = []): void {
        child.postMessage(command, ports);
    }
}
