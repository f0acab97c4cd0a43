/** Where the main area is: the app keeps this in memory (the URL carries nothing; its fragment held the token). */
export type Route =
    | { view: "loading" }
    /** Models and storage; the welcome screen when there is no collection yet. */
    | { view: "system" }
    | { view: "new-collection" }
    | { view: "collection"; name: string }
    /** `chatId` null: a new chat, created on its first question. `key` stays the same when that happens. */
    | { view: "chat"; key: string; collection: string; chatId: string | null };
