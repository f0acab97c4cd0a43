/**
 * A cross-encoder folder with random weights: the shared generator's BERT encoder (with the real ms-marco
 * cross-encoder tokenizer and BertForSequenceClassification config) plus a pooler and a one-logit classifier,
 * spliced into its ONNX graph so transformers.js' AutoModelForSequenceClassification loads it offline.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ensureRandomBert, TEST_CACHE_DIR, type RandomBertShape } from "./assets.js";

export const SMALL_CROSS_ENCODER: RandomBertShape = { layers: 2, hidden: 128, heads: 2, ffn: 512, tokenizer: "ms-marco-MiniLM-L-6-v2" };

interface OnnxProto {
    ModelProto: { decode(bytes: Uint8Array): OnnxModel; encode(model: OnnxModel): { finish(): Uint8Array } };
    TensorProto: { create(fields: object): unknown; DataType: { FLOAT: number; INT64: number } };
    NodeProto: { create(fields: object): unknown };
    ValueInfoProto: { create(fields: object): unknown };
}
interface OnnxModel {
    graph: { node: unknown[]; initializer: unknown[]; output: unknown[] };
}

const { onnx } = createRequire(import.meta.url)("onnx-proto") as { onnx: OnnxProto };

export async function ensureRandomCrossEncoder(shape = SMALL_CROSS_ENCODER): Promise<string> {
    const dir = path.join(TEST_CACHE_DIR, "rerankers", `random-cross-encoder-L${shape.layers}-H${shape.hidden}`);
    if (fs.existsSync(path.join(dir, "onnx", "model.onnx"))) return dir;
    const encoderDir = await ensureRandomBert(shape, path.join(TEST_CACHE_DIR, "cross-encoder-bases"));
    const temporary = `${dir}.${process.pid}.partial`;
    fs.rmSync(temporary, { recursive: true, force: true });
    fs.cpSync(encoderDir, temporary, { recursive: true });
    fs.rmSync(path.join(temporary, "onnx", "model_quantized.onnx"));
    const modelPath = path.join(temporary, "onnx", "model.onnx");
    fs.writeFileSync(modelPath, addClassifierHead(fs.readFileSync(modelPath), shape.hidden));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temporary, dir);
    return dir;
}

/** last_hidden_state[:, 0] → dense + tanh (BERT pooler) → dense to one logit, exposed as `logits` [batch, 1]. */
function addClassifierHead(encoderBytes: Uint8Array, hidden: number): Uint8Array {
    const model = onnx.ModelProto.decode(encoderBytes);
    const { FLOAT, INT64 } = onnx.TensorProto.DataType;
    let seed = 4242;
    const random = (): number => {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        return (seed / 4294967296 - 0.5) * 0.2;
    };
    const floats = (name: string, dims: number[]): string => {
        const values = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, random);
        model.graph.initializer.push(onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) }));
        return name;
    };
    model.graph.initializer.push(
        onnx.TensorProto.create({ name: "cls_index", dims: [], dataType: INT64, rawData: new Uint8Array(new BigInt64Array([0n]).buffer) }),
    );
    const node = (opType: string, input: string[], output: string, attribute: object[] = []): void =>
        void model.graph.node.push(onnx.NodeProto.create({ opType, input, output: [output], attribute, name: `${output}_node` }));
    node("Gather", ["last_hidden_state", "cls_index"], "cls_state", [{ name: "axis", i: 1, type: 2 }]);
    node("MatMul", ["cls_state", floats("pooler.dense.weight", [hidden, hidden])], "pooler_matmul");
    node("Add", ["pooler_matmul", floats("pooler.dense.bias", [hidden])], "pooler_add");
    node("Tanh", ["pooler_add"], "pooled");
    node("MatMul", ["pooled", floats("classifier.weight", [hidden, 1])], "classifier_matmul");
    node("Add", ["classifier_matmul", floats("classifier.bias", [1])], "logits");
    model.graph.output = [
        onnx.ValueInfoProto.create({
            name: "logits",
            type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: "batch_size" }, { dimValue: 1 }] } } },
        }),
    ];
    return onnx.ModelProto.encode(model).finish();
}
