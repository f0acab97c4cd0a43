/** What the main process tells the engine's utility process, over its parent port. */
export type EngineCommand =
    /** Comes with one transferred port: a page's channel, to serve the API on. */
    | { type: "connect" }
    /** Stop the running calls, release the engine's native resources, and exit. */
    | { type: "shutdown" };
