const ignore = (): void => undefined;

/** Runs tasks one at a time per key, in the order they were queued; tasks of different keys run side by side. */
export class KeyedQueue {
    /** Per key, a promise that settles (never rejects) once the last queued task has. */
    private readonly tails = new Map<string, Promise<void>>();

    run<T>(key: string, task: () => Promise<T>): Promise<T> {
        const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
        const tail: Promise<void> = result.then(ignore, ignore).finally(() => {
            if (this.tails.get(key) === tail) this.tails.delete(key);
        });
        this.tails.set(key, tail);
        return result;
    }

    /** Whether a task of `key` is running or waiting. */
    busy(key: string): boolean {
        return this.tails.has(key);
    }

    /** Settles once no task of any key is running or waiting. */
    async idle(): Promise<void> {
        while (this.tails.size > 0) await Promise.all(this.tails.values());
    }
}
