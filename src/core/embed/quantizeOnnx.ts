/**
 * Dynamic int8 quantization of an fp32 ONNX model, what onnxruntime's Python `quantize_dynamic` does: every MatMul
 * by a constant fp32 weight [K, N] becomes com.microsoft DynamicQuantizeMatMul, with the weight stored as int8 and
 * one symmetric scale per output column; activations are quantized per call at run time. Everything else
 * (embeddings, LayerNorm, attention scores, Softmax) stays fp32.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import onnxProto from "onnx-proto";
import { EnclaveError, errorMessage } from "../errors.js";

const { onnx } = onnxProto;
type OnnxModel = onnxProto.onnx.ModelProto;
type OnnxGraph = onnxProto.onnx.GraphProto;
type OnnxTensor = onnxProto.onnx.ITensorProto;
type OnnxNode = onnxProto.onnx.INodeProto;

const { FLOAT, INT8, UINT8 } = onnx.TensorProto.DataType;
const MICROSOFT_DOMAIN = "com.microsoft";

/** Metadata key of our quantized copies: the sha256 of the fp32 file they were made from. */
const SOURCE_DIGEST_KEY = "enclave.quantized_from_sha256";

/** Operators that only appear in quantized graphs (onnxruntime's static, dynamic, QDQ and 4-bit forms). */
const QUANTIZATION_OPS = new Set([
    "DynamicQuantizeLinear", "QuantizeLinear", "DequantizeLinear", "MatMulInteger", "ConvInteger", "QLinearMatMul",
    "QLinearConv", "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "MatMulNBits", "QAttention", "QGemm",
]);
const INTEGER_WEIGHT_TYPES = new Set<number>([INT8, UINT8]);

export interface OnnxQuantizationInfo {
    /** The graph holds integer weights or quantization operators: the file is genuinely quantized, whatever its name. */
    quantized: boolean;
    /** For copies written by `quantizeOnnx`: the sha256 of their fp32 source. */
    sourceDigest: string | undefined;
}

export function inspectOnnxQuantization(file: string): OnnxQuantizationInfo {
    const { model, graph } = decodeOnnxModel(readModelBytes(file), file);
    const quantized =
        graph.initializer.some((tensor) => INTEGER_WEIGHT_TYPES.has(tensor.dataType ?? 0)) ||
        graph.node.some((node) => QUANTIZATION_OPS.has(node.opType ?? ""));
    return { quantized, sourceDigest: readMetadata(model, SOURCE_DIGEST_KEY) };
}

/** sha256 of a file's bytes, as recorded in quantized copies. */
export function fileDigest(file: string): string {
    return sha256(fs.readFileSync(file));
}

/**
 * Writes a dynamically quantized copy of the fp32 model `sourcePath` to `targetPath` (atomically: a reader sees the
 * old file or the whole new one). Returns how many MatMuls were quantized.
 */
export function quantizeOnnx(sourcePath: string, targetPath: string): number {
    const sourceBytes = readModelBytes(sourcePath);
    const { model, graph } = decodeOnnxModel(sourceBytes, sourcePath);
    const initializers = new Map(graph.initializer.map((tensor) => [tensor.name!, tensor]));
    const quantizedWeights = new Map<string, { values: string; scales: string }>();
    let matMuls = 0;
    graph.node = graph.node.map((node) => {
        const weight = quantizableWeight(node, initializers);
        if (!weight) return node;
        let names = quantizedWeights.get(weight.name!);
        if (!names) {
            names = { values: `${weight.name}_int8`, scales: `${weight.name}_scale` };
            graph.initializer.push(...quantizedTensors(weight, names));
            quantizedWeights.set(weight.name!, names);
        }
        matMuls++;
        return onnx.NodeProto.create({
            name: `${node.name || weight.name}_dynamic_int8`,
            opType: "DynamicQuantizeMatMul",
            domain: MICROSOFT_DOMAIN,
            input: [node.input![0]!, names.values, names.scales],
            output: node.output,
        });
    });
    dropUnusedFloatWeights(graph, [...quantizedWeights.keys()]);
    if (!model.opsetImport.some((opset) => opset.domain === MICROSOFT_DOMAIN)) {
        model.opsetImport.push(onnx.OperatorSetIdProto.create({ domain: MICROSOFT_DOMAIN, version: 1 }));
    }
    model.metadataProps = model.metadataProps.filter((entry) => entry.key !== SOURCE_DIGEST_KEY);
    model.metadataProps.push(onnx.StringStringEntryProto.create({ key: SOURCE_DIGEST_KEY, value: sha256(sourceBytes) }));
    const temporary = `${targetPath}.${process.pid}.partial`;
    try {
        fs.writeFileSync(temporary, onnx.ModelProto.encode(model).finish());
        fs.renameSync(temporary, targetPath);
    } finally {
        fs.rmSync(temporary, { force: true });
    }
    return matMuls;
}

function readModelBytes(file: string): Buffer {
    try {
        return fs.readFileSync(file);
    } catch (error) {
        throw new EnclaveError("MODEL_FILE_INVALID", `Cannot read the ONNX model ${file}: ${errorMessage(error)}`, { cause: error });
    }
}

/** Decodes the protobuf; a truncated or foreign file fails here with a message naming it, not later inside onnxruntime. */
function decodeOnnxModel(bytes: Uint8Array, file: string): { model: OnnxModel; graph: OnnxGraph } {
    let model: OnnxModel;
    try {
        model = onnx.ModelProto.decode(bytes);
    } catch (error) {
        throw new EnclaveError("MODEL_FILE_INVALID", `${file} is not a valid ONNX model (${errorMessage(error)}).`, { cause: error });
    }
    // Decoding is lenient: bytes that happen to parse still need a graph with nodes to be a model.
    const graph = model.graph as OnnxGraph | null;
    if (!graph || graph.node.length === 0) {
        throw new EnclaveError("MODEL_FILE_INVALID", `${file} is not a valid ONNX model: it has no graph.`);
    }
    return { model, graph };
}

function readMetadata(model: OnnxModel, key: string): string | undefined {
    return model.metadataProps.find((entry) => entry.key === key)?.value ?? undefined;
}

/** The constant fp32 [K, N] weight a plain MatMul multiplies by, if it has one. */
function quantizableWeight(node: OnnxNode, initializers: Map<string, OnnxTensor>): OnnxTensor | undefined {
    if (node.opType !== "MatMul" || (node.domain ?? "") !== "") return undefined;
    const weight = initializers.get(node.input?.[1] ?? "");
    if (!weight || weight.dataType !== FLOAT || weight.dims?.length !== 2) return undefined;
    return floatValues(weight) ? weight : undefined;
}

/** Row-major weight values, or undefined when they are not stored in the file (external data). */
function floatValues(tensor: OnnxTensor): Float32Array | undefined {
    const count = tensor.dims!.reduce<number>((product, dim) => product * Number(dim), 1);
    if (tensor.rawData?.length === count * 4) {
        // Copy: protobuf byte fields are views at arbitrary offsets, and Float32Array needs 4-byte alignment.
        return new Float32Array(Uint8Array.from(tensor.rawData).buffer);
    }
    return tensor.floatData?.length === count ? Float32Array.from(tensor.floatData) : undefined;
}

/** int8 values [K, N] and one scale per column: max |w| of the column maps to 127, zero stays exactly zero. */
function quantizedTensors(weight: OnnxTensor, names: { values: string; scales: string }): OnnxTensor[] {
    const [rows, columns] = weight.dims!.map(Number) as [number, number];
    const values = floatValues(weight)!;
    const scales = new Float32Array(columns);
    for (let index = 0; index < values.length; index++) {
        scales[index % columns] = Math.max(scales[index % columns]!, Math.abs(values[index]!));
    }
    for (let column = 0; column < columns; column++) scales[column] = scales[column]! > 0 ? scales[column]! / 127 : 1;
    const quantized = new Int8Array(values.length);
    for (let index = 0; index < values.length; index++) {
        quantized[index] = Math.max(-127, Math.min(127, Math.round(values[index]! / scales[index % columns]!)));
    }
    return [
        onnx.TensorProto.create({ name: names.values, dims: [rows, columns], dataType: INT8, rawData: new Uint8Array(quantized.buffer) }),
        onnx.TensorProto.create({ name: names.scales, dims: [columns], dataType: FLOAT, rawData: new Uint8Array(scales.buffer) }),
    ];
}

/** Removes replaced fp32 weights that nothing else reads (a weight shared with another op stays). */
function dropUnusedFloatWeights(graph: OnnxGraph, replaced: string[]): void {
    const stillRead = new Set([...graph.node.flatMap((node) => node.input ?? []), ...graph.output.map((output) => output.name)]);
    const unused = new Set(replaced.filter((name) => !stillRead.has(name)));
    graph.initializer = graph.initializer.filter((tensor) => !unused.has(tensor.name!));
    // Models from IR < 4 also list initializers as graph inputs; a listed input without an initializer would be required.
    graph.input = graph.input.filter((input) => !unused.has(input.name!));
}

function sha256(bytes: Uint8Array): string {
    return createHash("sha256").update(bytes).digest("hex");
}
