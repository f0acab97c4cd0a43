import { Enclave, type EnclaveOptions } from "../core/api/Enclave.js";
import { denyNetwork } from "../core/system/denyNetwork.js";

/** The engine as the app runs it (desktop or browser mode): no network from this process, watched folders resumed. */
export async function openEnclave(options: EnclaveOptions = {}): Promise<Enclave> {
    denyNetwork();
    const enclave = new Enclave(options);
    await enclave.resumeWatching();
    return enclave;
}
