import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { chatIdRequest, type Chat, type ChatSummary, type ChatTurn } from "../api/contract.js";
import { EnclaveError, errorMessage } from "../errors.js";
import { KeyedQueue } from "../system/KeyedQueue.js";
import { writeFileAtomic } from "../system/writeFileAtomic.js";
import type { AnswerResult } from "../types.js";

/** Shown until the first question names the chat. */
const UNTITLED_CHAT = "New chat";
/** Titles taken from a question are cut to about this many characters, at a word. */
const TITLE_CHARS = 60;

const storedChatSchema = z.object({
    id: chatIdRequest,
    title: z.string(),
    collection: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The title is a placeholder that the first question replaces. */
    untitled: z.boolean(),
    turns: z.array(
        z.object({
            id: z.string(),
            question: z.string(),
            askedAt: z.string(),
            answer: z.custom<AnswerResult>((value) => typeof value === "object" && value !== null, "not an answer"),
            stopped: z.boolean(),
        }),
    ),
});
type StoredChat = z.infer<typeof storedChatSchema>;

/** Chats, one JSON file each (`<dir>/<id>.json`), written whole through a rename; writes to one chat are serialised. */
export class ChatStore {
    private readonly writes = new KeyedQueue();

    constructor(readonly dir: string) {}

    /** Every readable chat, most recently updated first. */
    async list(): Promise<ChatSummary[]> {
        const names = await fs.readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
            if (error.code === "ENOENT") return [] as string[];
            throw error;
        });
        const ids = names.filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -".json".length));
        // A damaged file is left out of the list; opening that chat reports what is wrong with it.
        const chats = await Promise.all(ids.filter((id) => chatIdRequest.safeParse(id).success).map((id) => this.read(id).catch(() => null)));
        return chats
            .filter((chat): chat is StoredChat => chat !== null)
            .map(summarize)
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.createdAt.localeCompare(a.createdAt));
    }

    async get(chatId: string): Promise<Chat> {
        return withoutInternals(await this.read(chatId));
    }

    async create(collection: string, title?: string): Promise<Chat> {
        const now = new Date().toISOString();
        const chat: StoredChat = {
            id: randomUUID().replaceAll("-", ""),
            title: title ?? UNTITLED_CHAT,
            collection,
            createdAt: now,
            updatedAt: now,
            untitled: title === undefined,
            turns: [],
        };
        await this.write(chat);
        return withoutInternals(chat);
    }

    rename(chatId: string, title: string): Promise<ChatSummary> {
        return this.change(chatId, (chat) => {
            chat.title = title;
            chat.untitled = false;
            return summarize(chat);
        });
    }

    /** Deletes a chat; false when there was none. */
    remove(chatId: string): Promise<boolean> {
        return this.writes.run(chatId, async () => {
            try {
                await fs.unlink(this.filePath(chatId));
                return true;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
                throw error;
            }
        });
    }

    /** Appends a turn; the first question of an untitled chat becomes its title. */
    addTurn(chatId: string, turn: Omit<ChatTurn, "id">): Promise<ChatTurn> {
        return this.change(chatId, (chat) => {
            const added: ChatTurn = { id: randomUUID().replaceAll("-", ""), ...turn };
            chat.turns.push(added);
            if (chat.untitled) {
                chat.title = shortTitle(turn.question);
                chat.untitled = false;
            }
            return added;
        });
    }

    /** Reads, changes and writes a chat back, with no other write to it in between. */
    private change<T>(chatId: string, apply: (chat: StoredChat) => T): Promise<T> {
        return this.writes.run(chatId, async () => {
            const chat = await this.read(chatId);
            chat.updatedAt = new Date().toISOString();
            const result = apply(chat);
            await this.write(chat);
            return result;
        });
    }

    private async read(chatId: string): Promise<StoredChat> {
        const file = this.filePath(chatId);
        let text: string;
        try {
            text = await fs.readFile(file, "utf8");
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new EnclaveError("CHAT_NOT_FOUND", `There is no chat "${chatId}".`);
            throw new EnclaveError("CHAT_UNREADABLE", `Cannot read the chat file ${file}: ${errorMessage(error)}`, { cause: error });
        }
        let json: unknown;
        try {
            json = JSON.parse(text);
        } catch (error) {
            throw new EnclaveError("CHAT_CORRUPT", `The chat file ${file} is not valid JSON.`, { cause: error });
        }
        const parsed = storedChatSchema.safeParse(json);
        if (!parsed.success) throw new EnclaveError("CHAT_CORRUPT", `The chat file ${file} is invalid: ${parsed.error.issues[0]?.message}`);
        return parsed.data;
    }

    private write(chat: StoredChat): Promise<void> {
        return writeFileAtomic(this.filePath(chat.id), `${JSON.stringify(chat, null, 2)}\n`);
    }

    private filePath(chatId: string): string {
        // Ids are checked at the API boundary too; this keeps a bad one from ever naming a path.
        if (!chatIdRequest.safeParse(chatId).success) throw new EnclaveError("BAD_REQUEST", `"${chatId}" is not a chat id.`);
        return path.join(this.dir, `${chatId}.json`);
    }
}

/** A question as a title: whitespace collapsed, cut at a word boundary near `TITLE_CHARS` characters. */
function shortTitle(question: string): string {
    const text = question.replace(/\s+/gu, " ").trim();
    if (text.length <= TITLE_CHARS) return text;
    const cut = text.lastIndexOf(" ", TITLE_CHARS);
    // A first word longer than the limit is cut inside the word rather than leaving an empty title.
    return `${text.slice(0, cut > 0 ? cut : TITLE_CHARS).replace(/[\s,;:.!?-]+$/u, "")}…`;
}

function summarize(chat: StoredChat): ChatSummary {
    const { id, title, collection, createdAt, updatedAt } = chat;
    return { id, title, collection, createdAt, updatedAt, turns: chat.turns.length };
}

function withoutInternals({ untitled: _untitled, ...chat }: StoredChat): Chat {
    return chat;
}
