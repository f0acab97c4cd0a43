import { ensureRandomBert, ensureTinyLlama, SMALL_BERT } from "./helpers/assets.js";

/** Prepares the shared model assets once, before any test file runs in parallel. */
export default async function setup(): Promise<void> {
    await Promise.all([ensureTinyLlama(), ensureRandomBert(SMALL_BERT)]);
}
