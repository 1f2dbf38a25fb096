import onnxProto from 'onnx-proto';

/**
 * Minimal ONNX graph construction on top of onnx-proto (protobufjs). Training builds the compact
 * models with it, and tests build a tiny BERT-like model with it. Output bytes depend only on the
 * inputs (no timestamps), so retraining reproduces model.onnx byte for byte.
 */
export const { onnx } = onnxProto;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

export const DataType = {
  FLOAT: 1,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
} as const;

export const OPSET = 17;
export const IR_VERSION = 8;

function rawBytes(view: ArrayBufferView): Uint8Array {
  // Little-endian raw_data, as ONNX requires (every platform Node runs on here is little-endian).
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DataType.FLOAT, rawData: rawBytes(data) });
}

export function float16Tensor(name: string, dims: number[], bits: Uint16Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DataType.FLOAT16, rawData: rawBytes(bits) });
}

export function int64Tensor(name: string, dims: number[], data: number[]): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DataType.INT64, rawData: rawBytes(BigInt64Array.from(data.map(BigInt))) });
}

type Attr = number | number[] | string;

export function node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}, name?: string) {
  const attribute = Object.entries(attrs).map(([key, v]) => {
    if (typeof v === 'string') return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) });
    if (Array.isArray(v)) return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
    if (Number.isInteger(v)) return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v });
    return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: v });
  });
  return onnx.NodeProto.create({ opType, input: inputs, output: outputs, attribute, name: name ?? outputs[0] });
}

/** A tensor value with symbolic (string) or fixed (number) dimensions. */
export function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

export interface GraphSpec {
  name: string;
  nodes: ReturnType<typeof node>[];
  inputs: ReturnType<typeof valueInfo>[];
  outputs: ReturnType<typeof valueInfo>[];
  initializers: TensorProto[];
  docString?: string;
  metadata?: Record<string, string>;
}

export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'ollama-guard',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    docString: spec.docString ?? '',
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.name,
      node: spec.nodes,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Weights of a compact model: hashed-feature embedding bag followed by dense layers. */
export interface CompactModelWeights {
  buckets: number;
  dim: number;
  /** buckets x dim, row-major. If embeddingFloat16 is set it is stored (and must already be rounded) as float16. */
  embedding: Float32Array;
  embeddingFloat16?: Uint16Array;
  embeddingBias: Float32Array;
  /** Dense layers after the ReLU'd embedding bag; weights are [inDim][outDim] row-major; ReLU between, none after the last. */
  layers: Array<{ inDim: number; outDim: number; weight: Float32Array; bias: Float32Array }>;
}

export const COMPACT_INPUTS = { indices: 'indices', weights: 'weights' } as const;
export const COMPACT_OUTPUTS = { probabilities: 'probabilities', logits: 'logits' } as const;

/**
 * indices [batch, n] int64 and weights [batch, n] float (a padded sparse bag; padding has weight 0)
 * -> probabilities [batch, classes] (softmax) and logits.
 * bag = weights @ embedding[indices] is one batched MatMul, so the cost grows with the number of
 * features present in the text, never with the bucket count.
 */
export function buildCompactModel(w: CompactModelWeights, metadata: Record<string, string> = {}): Uint8Array {
  const nodes: ReturnType<typeof node>[] = [];
  const inits: TensorProto[] = [];
  const classes = w.layers.at(-1)!.outDim;
  if (w.embeddingFloat16) {
    inits.push(float16Tensor('embedding', [w.buckets, w.dim], w.embeddingFloat16));
    nodes.push(node('Gather', ['embedding', COMPACT_INPUTS.indices], ['gathered16'], { axis: 0 }));
    nodes.push(node('Cast', ['gathered16'], ['gathered'], { to: DataType.FLOAT }));
  } else {
    inits.push(floatTensor('embedding', [w.buckets, w.dim], w.embedding));
    nodes.push(node('Gather', ['embedding', COMPACT_INPUTS.indices], ['gathered'], { axis: 0 }));
  }
  inits.push(int64Tensor('axis1', [1], [1]));
  nodes.push(node('Unsqueeze', [COMPACT_INPUTS.weights, 'axis1'], ['weights_row']));
  nodes.push(node('MatMul', ['weights_row', 'gathered'], ['bag3']));
  nodes.push(node('Squeeze', ['bag3', 'axis1'], ['bag']));
  inits.push(floatTensor('embedding_bias', [w.dim], w.embeddingBias));
  nodes.push(node('Add', ['bag', 'embedding_bias'], ['h0_pre']));
  nodes.push(node('Relu', ['h0_pre'], ['h0']));
  let prev = 'h0';
  w.layers.forEach((layer, i) => {
    const last = i === w.layers.length - 1;
    inits.push(floatTensor(`dense${i}_weight`, [layer.inDim, layer.outDim], layer.weight));
    inits.push(floatTensor(`dense${i}_bias`, [layer.outDim], layer.bias));
    nodes.push(node('MatMul', [prev, `dense${i}_weight`], [`dense${i}_mm`]));
    const out = last ? COMPACT_OUTPUTS.logits : `h${i + 1}`;
    nodes.push(node('Add', [`dense${i}_mm`, `dense${i}_bias`], [last ? out : `${out}_pre`]));
    if (!last) nodes.push(node('Relu', [`${out}_pre`], [out]));
    prev = out;
  });
  nodes.push(node('Softmax', [COMPACT_OUTPUTS.logits], [COMPACT_OUTPUTS.probabilities], { axis: -1 }));
  return encodeModel({
    name: 'compact_classifier',
    nodes,
    initializers: inits,
    inputs: [valueInfo(COMPACT_INPUTS.indices, DataType.INT64, ['batch', 'features']), valueInfo(COMPACT_INPUTS.weights, DataType.FLOAT, ['batch', 'features'])],
    outputs: [valueInfo(COMPACT_OUTPUTS.probabilities, DataType.FLOAT, ['batch', classes]), valueInfo(COMPACT_OUTPUTS.logits, DataType.FLOAT, ['batch', classes])],
    metadata,
  });
}
