/** What identifies the vectors of a collection: two embedders with different identities never share a table. */
export interface EmbedderIdentity {
    /** Model folder name, e.g. "bge-small-en-v1.5". */
    id: string;
    dims: number;
    pooling: "mean" | "cls";
    normalize: boolean;
    /** sha256 over the model's config and weights' size+name: changes whenever the model does. */
    fingerprint: string;
}

/** Turns text into vectors. Implementations own native resources: call `dispose()`. */
export interface TextEmbedder {
    readonly identity: EmbedderIdentity;
    /** Embeds passages in batches; output order matches input order. */
    embedDocuments(texts: string[]): Promise<Float32Array[]>;
    /** Embeds a search query (some models want a query prefix). */
    embedQuery(text: string): Promise<Float32Array>;
    dispose(): Promise<void>;
}

/** Scores (query, passage) pairs; higher means more relevant. */
export interface Reranker {
    readonly id: string;
    score(query: string, passages: string[]): Promise<number[]>;
    dispose(): Promise<void>;
}
