import path from "node:path";
import {
    InsufficientMemoryError,
    LlamaChat,
    readGgufFileInfo,
    type ChatHistoryItem,
    type LlamaContext,
    type LlamaModel,
    type Token,
} from "node-llama-cpp";
import { EnclaveError, errorMessage } from "../errors.js";
import { cpuThreads } from "../system/hardware.js";
import { sharedLlama, takeNativeError } from "./sharedLlama.js";

/** RAG prompts need ~2–3k tokens; a larger window only costs memory and prompt time on CPU. */
const MAX_AUTO_CONTEXT_SIZE = 4096;

export interface ChatModelOptions {
    /** CPU threads. Default: cpuThreads() */
    threads?: number;
    /** Layers offloaded to GPU. Default: "auto" (node-llama-cpp fits to free VRAM; none on CPU-only machines) */
    gpuLayers?: number | "auto";
    /** Context window in tokens. Default: "auto", fitted to free memory, capped at 4096 */
    contextSize?: number | "auto";
    /** LoRA adapter GGUF applied on top of the base model (behaviour, not facts). Default: none */
    lora?: {
        filePath: string;
        /** Default: 1 */
        scale?: number;
    };
}

export interface ChatExchange {
    user: string;
    model: string;
}

export interface ChatPrompt {
    /** Instructions, sent as the system message. */
    system: string;
    /** Earlier exchanges, oldest first. Default: none */
    history?: ChatExchange[];
    /** The message to answer. */
    user: string;
    /** Text the answer is made to start with; it is part of the streamed and returned text. Default: none */
    responsePrefix?: string;
}

export interface GenerateOptions {
    /** Default: 256 */
    maxTokens?: number;
    /** Default: 0.1 */
    temperature?: number;
    /** Stops generation; the text generated so far is returned, never an error. */
    signal?: AbortSignal;
    /** Called with each decoded piece of text as it is generated. */
    onToken?: (text: string) => void;
    /** Texts that end the answer when generated (they are not included in it). Default: none */
    stopTriggers?: string[];
}

export interface GenerateResult {
    text: string;
    /** "done": the model ended its answer; "maxTokens": cut at the limit; "aborted": stopped by the signal. */
    stopReason: "done" | "maxTokens" | "aborted";
    /** Generated tokens. */
    tokens: number;
    /** From the call to the first generated token (prompt evaluation); null when nothing was generated. */
    firstTokenMs: number | null;
    /** From the call to the end of generation. */
    totalMs: number;
}

/** A GGUF chat model with one context, answering one prompt at a time. */
export class ChatModel {
    /** File name of the model. */
    readonly name: string;
    readonly contextSize: number;
    readonly #model: LlamaModel;
    readonly #context: LlamaContext;
    readonly #chat: LlamaChat;
    // One context sequence serves every prompt, so prompts wait for each other.
    #queue: Promise<unknown> = Promise.resolve();

    private constructor(modelPath: string, model: LlamaModel, context: LlamaContext) {
        this.name = path.basename(modelPath);
        this.contextSize = context.contextSize;
        this.#model = model;
        this.#context = context;
        this.#chat = new LlamaChat({ contextSequence: context.getSequence() });
    }

    static async load(modelPath: string, options: ChatModelOptions = {}): Promise<ChatModel> {
        const { threads = cpuThreads(), gpuLayers = "auto", contextSize = "auto", lora } = options;
        await readGgufFileInfo(modelPath, { readTensorInfo: false, sourceType: "filesystem" }).catch((error: unknown) => {
            throw unreadableFileError(modelPath, error);
        });
        const llama = await sharedLlama();
        await takeNativeError(); // forgets errors logged before this load
        const model = await llama.loadModel({ modelPath, gpuLayers }).catch(async (error: unknown) => {
            throw await loadError("MODEL_LOAD_FAILED", `Could not load the chat model ${modelPath}`, error);
        });
        try {
            const context = await model.createContext({
                contextSize: contextSize === "auto" ? { max: MAX_AUTO_CONTEXT_SIZE } : contextSize,
                threads,
                lora: lora && { adapters: [{ filePath: lora.filePath, scale: lora.scale ?? 1 }] },
            });
            return new ChatModel(modelPath, model, context);
        } catch (error) {
            await model.dispose();
            const subject = lora ? `the LoRA adapter ${lora.filePath} on ${modelPath}` : `a context for ${modelPath}`;
            throw await loadError("MODEL_CONTEXT_FAILED", `Could not create ${subject}`, error);
        }
    }

    /** Tokens `text` takes with this model's tokenizer. */
    tokenCount(text: string): number {
        return this.#model.tokenize(text).length;
    }

    generate(prompt: ChatPrompt, options: GenerateOptions = {}): Promise<GenerateResult> {
        return this.#enqueue(() => this.#generate(prompt, options));
    }

    /**
     * How likely the model's reply to `prompt` starts with each of `choices` (single words such as "Yes" and
     * "No"), normalised over the choices. One forward pass without sampling; the prompt's tokens that match
     * what the context already holds are not evaluated again.
     */
    replyProbabilities(prompt: ChatPrompt, choices: readonly string[]): Promise<number[]> {
        return this.#enqueue(() => this.#replyProbabilities(prompt, choices));
    }

    async dispose(): Promise<void> {
        this.#chat.dispose();
        await this.#context.dispose();
        await this.#model.dispose();
    }

    #enqueue<T>(task: () => Promise<T>): Promise<T> {
        const run = this.#queue.then(task);
        this.#queue = run.catch(() => undefined);
        return run;
    }

    async #replyProbabilities(prompt: ChatPrompt, choices: readonly string[]): Promise<number[]> {
        const sequence = this.#chat.sequence;
        const tokens = this.#chat.chatWrapper
            .generateContextState({ chatHistory: toChatHistory(prompt) })
            .contextText.tokenize(this.#model.tokenizer);
        // The last prompt token is always evaluated again: its logits are the ones read.
        await sequence.adaptStateToTokens(tokens.slice(0, -1), false);
        const evaluation = sequence.evaluateWithMetadata(tokens.slice(sequence.nextTokenIndex), { probabilities: true }, { temperature: 0 });
        const first = await evaluation.next();
        await evaluation.return();
        if (first.done) throw new EnclaveError("GENERATION_FAILED", `${this.name} returned no next-token probabilities`);
        const { probabilities } = first.value;
        const scores = choices.map((choice) =>
            [...startTokens(this.#model, choice)].reduce((sum, token) => sum + (probabilities.get(token) ?? 0), 0),
        );
        const total = scores.reduce((sum, score) => sum + score, 0);
        return scores.map((score) => (total > 0 ? score / total : 1 / choices.length));
    }

    async #generate(prompt: ChatPrompt, options: GenerateOptions): Promise<GenerateResult> {
        const { maxTokens = 256, temperature = 0.1, signal, onToken, stopTriggers = [] } = options;
        const started = performance.now();
        let firstTokenAt: number | null = null;
        let tokens = 0;
        let text = "";
        const result = (stopReason: GenerateResult["stopReason"]): GenerateResult => ({
            text,
            stopReason,
            tokens,
            firstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
            totalMs: performance.now() - started,
        });
        if (signal?.aborted) return result("aborted");
        const prefix = prompt.responsePrefix ?? "";

        try {
            const response = await this.#chat.generateResponse(toChatHistory(prompt), {
                maxTokens,
                temperature,
                signal,
                stopOnAbortSignal: true,
                customStopTriggers: stopTriggers,
                // Small quantised models fall into loops ("the capital city is located in the capital city");
                // a mild penalty on the answer's own recent tokens breaks them without blocking quotes.
                repeatPenalty: { lastTokens: 64, penalty: 1.1 },
                onToken: (generated) => {
                    firstTokenAt ??= performance.now();
                    tokens += generated.length;
                },
                onTextChunk: (chunk) => {
                    if (text === "" && prefix) {
                        // The first token after a prefix like "…sources," often lacks its leading space.
                        text = /\s$/u.test(prefix) || /^\s/u.test(chunk) ? prefix : `${prefix} `;
                        onToken?.(text);
                    }
                    text += chunk;
                    onToken?.(chunk);
                },
            });
            text = text === "" ? prefix + response.response : text;
            const { stopReason } = response.metadata;
            return result(stopReason === "abort" ? "aborted" : stopReason === "maxTokens" ? "maxTokens" : "done");
        } catch (error) {
            // An abort during prompt evaluation (before the first token) throws instead of stopping.
            if (signal?.aborted) return result("aborted");
            throw new EnclaveError("GENERATION_FAILED", `${this.name} failed to generate: ${errorMessage(error)}`, {
                cause: error,
            });
        }
    }
}

/** A word's first token as it may start a reply: with or without a leading space, capitalised or not. */
function startTokens(model: LlamaModel, word: string): Set<Token> {
    const variants = [word, word.toLowerCase(), word.toUpperCase()].flatMap((variant) => [variant, ` ${variant}`]);
    // SentencePiece tokenizes " Yes" as a lone space and "Yes"; the space says nothing about the word.
    const firstWordTokens = variants.map((variant) => model.tokenize(variant).find((token) => model.detokenize([token]).trim() !== ""));
    return new Set(firstWordTokens.filter((token) => token !== undefined));
}

/** The chat history node-llama-cpp renders for `prompt`: system, earlier exchanges, the question, the started answer. */
export function toChatHistory({ system, history = [], user, responsePrefix }: ChatPrompt): ChatHistoryItem[] {
    return [
        { type: "system", text: system },
        ...history.flatMap((exchange): ChatHistoryItem[] => [
            { type: "user", text: exchange.user },
            { type: "model", response: [exchange.model] },
        ]),
        { type: "user", text: user },
        // A non-empty last model turn is continued rather than answered anew.
        { type: "model", response: responsePrefix ? [responsePrefix] : [] },
    ];
}

function unreadableFileError(modelPath: string, error: unknown): EnclaveError {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return new EnclaveError("MODEL_NOT_FOUND", `Chat model file not found: ${modelPath}`, { cause: error });
    return new EnclaveError("MODEL_INVALID", `${modelPath} is not a GGUF model file (${errorMessage(error)})`, {
        cause: error,
    });
}

async function loadError(code: string, subject: string, error: unknown): Promise<EnclaveError> {
    if (error instanceof InsufficientMemoryError)
        return new EnclaveError("MODEL_TOO_LARGE", `${subject}: not enough free memory (${error.message})`, {
            cause: error,
        });
    const nativeReason = await takeNativeError();
    const reason = nativeReason ? `${errorMessage(error)}: ${nativeReason}` : errorMessage(error);
    return new EnclaveError(code, `${subject}: ${reason}`, { cause: error });
}
