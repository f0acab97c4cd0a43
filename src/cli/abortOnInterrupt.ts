/** Ctrl+C stops the current operation cleanly (work already committed is kept); a second Ctrl+C exits at once. */
export function abortOnInterrupt(): AbortSignal {
    const controller = new AbortController();
    process.once("SIGINT", () => {
        process.stderr.write("\nStopping… (press Ctrl+C again to quit now)\n");
        controller.abort(new Error("Stopped by the user"));
        process.once("SIGINT", () => process.exit(130));
    });
    return controller.signal;
}
