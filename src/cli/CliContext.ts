import type { Enclave } from "../core/api/Enclave.js";

/** What every command needs: the engine (created on first use) and the output mode. */
export interface CliContext {
    readonly json: boolean;
    enclave(): Enclave;
}
