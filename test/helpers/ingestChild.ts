/**
 * Child process for the crash test: ingests a folder with small commit batches and prints one line per
 * event, so the parent can kill it (SIGKILL) in the middle of a run.
 */
import { Enclave } from "../../src/core/api/Enclave.js";

const [dataDir, folder, modelsDir] = process.argv.slice(2) as [string, string, string];
const enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir }, ingest: { commitChunks: 150 } });
await enclave.ingest(
    { collection: "crash", folders: [folder], embedder: "none" },
    { onEvent: (event) => process.stdout.write(`${event.type}\n`) },
);
process.stdout.write("finished\n");
await enclave.dispose();
