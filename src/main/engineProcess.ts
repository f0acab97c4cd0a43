/**
 * The engine's process (an Electron utility process, started by EngineHost): the desktop app's Enclave runs
 * here, so that ingest and generation never stall the window. Each page gets its own port from the main
 * process, served with the port protocol of src/ipc.
 */
import { servePort, type ServedPort } from "../ipc/servePort.js";
import type { EngineCommand } from "./engineCommands.js";
import { openEnclave } from "./openEnclave.js";

// Ctrl+C in a terminal reaches every process of the app: the main process decides when the engine stops.
process.on("SIGINT", () => {});
// Messages to the parent port wait in a queue until the listener below exists, so none is lost meanwhile.
const enclave = await openEnclave();
const served = new Set<ServedPort>();

process.parentPort.on("message", ({ data, ports }) => {
    const command = data as EngineCommand;
    const [port] = ports;
    if (command.type === "connect" && port) {
        const service = servePort(enclave, port);
        served.add(service);
        void service.closed.then(() => served.delete(service));
    } else if (command.type === "shutdown") {
        void shutdown();
    }
});

async function shutdown(): Promise<void> {
    await Promise.all([...served].map((service) => service.close()));
    await enclave.dispose();
    process.exit(0);
}
