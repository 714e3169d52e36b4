/**
 * A minimal ONNX writer for tests: protobuf wire format by hand (varints and length-delimited fields) for
 * ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto. Enough for small graphs
 * with float/int64 initializers; no Python needed.
 *
 * Field numbers (onnx/onnx onnx.proto): ModelProto ir_version=1 producer_name=2 graph=7 opset_import=8;
 * OperatorSetIdProto domain=1 version=2; GraphProto node=1 name=2 initializer=5 input=11 output=12;
 * NodeProto input=1 output=2 name=3 op_type=4 attribute=5; AttributeProto name=1 f=2 i=3 ints=8 type=20;
 * TensorProto dims=1 data_type=2 name=8 raw_data=9; ValueInfoProto name=1 type=2; TypeProto tensor_type=1;
 * TypeProto.Tensor elem_type=1 shape=2; TensorShapeProto dim=1; Dimension dim_value=1 dim_param=2.
 */

export type ElemType = 'float' | 'int64';
const ELEM: Record<ElemType, number> = { float: 1, int64: 7 };

export interface OnnxTensor {
  name: string;
  type: ElemType;
  dims: number[];
  data: readonly number[];
}

export interface OnnxAttribute {
  name: string;
  i?: number;
  f?: number;
  ints?: number[];
}

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  type: ElemType;
  /** A number is a fixed size; a string names a symbolic dimension (`batch`, `sequence`). */
  shape: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export function encodeModel(graph: OnnxGraph, opts: { irVersion?: number; opset?: number } = {}): Uint8Array {
  return concat([
    varintField(1, opts.irVersion ?? 8),
    stringField(2, 'phi-gateway-test'),
    bytesField(7, encodeGraph(graph)),
    bytesField(8, concat([stringField(1, ''), varintField(2, opts.opset ?? 17)])),
  ]);
}

function encodeGraph(g: OnnxGraph): Uint8Array {
  return concat([
    ...g.nodes.map((n, i) => bytesField(1, encodeNode(n, i))),
    stringField(2, g.name),
    ...g.initializers.map((t) => bytesField(5, encodeTensor(t))),
    ...g.inputs.map((v) => bytesField(11, encodeValueInfo(v))),
    ...g.outputs.map((v) => bytesField(12, encodeValueInfo(v))),
  ]);
}

function encodeNode(n: OnnxNode, index: number): Uint8Array {
  return concat([
    ...n.inputs.map((s) => stringField(1, s)),
    ...n.outputs.map((s) => stringField(2, s)),
    stringField(3, n.name ?? `${n.opType}_${index}`),
    stringField(4, n.opType),
    ...(n.attributes ?? []).map((a) => bytesField(5, encodeAttribute(a))),
  ]);
}

function encodeAttribute(a: OnnxAttribute): Uint8Array {
  const parts = [stringField(1, a.name)];
  if (a.f !== undefined) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, a.f, true);
    parts.push(key(2, 5), b, varintField(20, 1));
  } else if (a.i !== undefined) {
    parts.push(varintField(3, a.i), varintField(20, 2));
  } else if (a.ints !== undefined) {
    parts.push(...a.ints.map((v) => varintField(8, v)), varintField(20, 7));
  }
  return concat(parts);
}

function encodeTensor(t: OnnxTensor): Uint8Array {
  const n = t.dims.reduce((a, b) => a * b, 1);
  if (n !== t.data.length) throw new Error(`tensor ${t.name}: ${t.data.length} values for dims ${t.dims.join('x')}`);
  let raw: Uint8Array;
  if (t.type === 'float') {
    const f = new Float32Array(t.data);
    raw = new Uint8Array(f.buffer);
  } else {
    const i = new BigInt64Array(t.data.map((v) => BigInt(v)));
    raw = new Uint8Array(i.buffer);
  }
  return concat([...t.dims.map((d) => varintField(1, d)), varintField(2, ELEM[t.type]), stringField(8, t.name), bytesField(9, raw)]);
}

function encodeValueInfo(v: OnnxValueInfo): Uint8Array {
  const dims = v.shape.map((d) => bytesField(1, typeof d === 'number' ? varintField(1, d) : stringField(2, d)));
  const tensorType = concat([varintField(1, ELEM[v.type]), bytesField(2, concat(dims))]);
  return concat([stringField(1, v.name), bytesField(2, bytesField(1, tensorType))]);
}

// --- wire format -------------------------------------------------------------------------------------------

function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

function key(field: number, wire: number): Uint8Array {
  return varint((field << 3) | wire);
}

function varintField(field: number, value: number): Uint8Array {
  return concat([key(field, 0), varint(value)]);
}

function bytesField(field: number, payload: Uint8Array): Uint8Array {
  return concat([key(field, 2), varint(payload.length), payload]);
}

function stringField(field: number, s: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(s));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
