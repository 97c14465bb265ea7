import { endianness } from "node:os";
import {
  bytesField,
  type Encoded,
  floatField,
  message,
  messageField,
  stringField,
  toBytes,
  varintField,
} from "./protobuf-writer.ts";

/** An ONNX model as plain data: just the parts of onnx.proto a BERT encoder (float or int8) needs. */
export type OnnxModel = {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  graph: OnnxGraph;
};

export type OnnxGraph = {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
};

export type OnnxNode = {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttribute>;
};

export type OnnxAttribute = { int: number } | { ints: number[] } | { float: number };

/** An initializer; the typed array says its element type. */
export type OnnxTensor = {
  name: string;
  dims: number[];
  values: Float32Array | BigInt64Array | Int8Array | Uint8Array;
};

/** The element types paperchat's graphs use. */
export type OnnxElementType = "float32" | "int64" | "int8" | "uint8";

/** A graph input or output; a string dimension is symbolic (e.g. "batch_size"). */
export type OnnxValueInfo = {
  name: string;
  elementType: OnnxElementType;
  dims: Array<number | string>;
};

// Field numbers and enums from onnx/onnx.proto.
const ELEMENT_TYPE: Record<OnnxElementType, number> = { float32: 1, uint8: 2, int8: 3, int64: 7 };
const ATTRIBUTE_TYPE = { float: 1, int: 2, ints: 7 } as const;

function elementTypeOf(values: OnnxTensor["values"]): OnnxElementType {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof BigInt64Array) return "int64";
  return values instanceof Int8Array ? "int8" : "uint8";
}

function littleEndianBytes(values: OnnxTensor["values"]): Uint8Array {
  if (values instanceof Int8Array || values instanceof Uint8Array || endianness() === "LE") {
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  }
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  if (values instanceof Float32Array) {
    for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true);
  } else {
    for (const [index, value] of values.entries()) view.setBigInt64(index * 8, value, true);
  }
  return bytes;
}

function encodeTensor(tensor: OnnxTensor): Encoded {
  const elementType = elementTypeOf(tensor.values);
  return message([
    ...tensor.dims.map((dim) => varintField(1, dim)),
    varintField(2, ELEMENT_TYPE[elementType]),
    stringField(8, tensor.name),
    bytesField(9, littleEndianBytes(tensor.values)),
  ]);
}

function encodeAttribute(name: string, attribute: OnnxAttribute): Encoded {
  const fields = [stringField(1, name)];
  if ("float" in attribute) {
    fields.push(floatField(2, attribute.float), varintField(20, ATTRIBUTE_TYPE.float));
  } else if ("int" in attribute) {
    fields.push(varintField(3, attribute.int), varintField(20, ATTRIBUTE_TYPE.int));
  } else {
    fields.push(...attribute.ints.map((value) => varintField(8, value)));
    fields.push(varintField(20, ATTRIBUTE_TYPE.ints));
  }
  return message(fields);
}

function encodeNode(node: OnnxNode): Encoded {
  return message([
    ...node.inputs.map((input) => stringField(1, input)),
    ...node.outputs.map((output) => stringField(2, output)),
    stringField(3, node.name),
    stringField(4, node.opType),
    ...Object.entries(node.attributes ?? {}).map(([name, attribute]) =>
      messageField(5, encodeAttribute(name, attribute)),
    ),
  ]);
}

function encodeValueInfo(info: OnnxValueInfo): Encoded {
  const dims = info.dims.map((dim) =>
    messageField(1, typeof dim === "number" ? varintField(1, dim) : stringField(2, dim)),
  );
  const tensorType = message([
    varintField(1, ELEMENT_TYPE[info.elementType]),
    messageField(2, message(dims)),
  ]);
  return message([stringField(1, info.name), messageField(2, messageField(1, tensorType))]);
}

function encodeGraph(graph: OnnxGraph): Encoded {
  return message([
    ...graph.nodes.map((node) => messageField(1, encodeNode(node))),
    stringField(2, graph.name),
    ...graph.initializers.map((tensor) => messageField(5, encodeTensor(tensor))),
    ...graph.inputs.map((input) => messageField(11, encodeValueInfo(input))),
    ...graph.outputs.map((output) => messageField(12, encodeValueInfo(output))),
  ]);
}

/**
 * Serialises a model to the bytes of a `.onnx` file (a ModelProto).
 *
 * @example
 * writeFileSync("model.onnx", encodeOnnxModel({ irVersion: 8, opsetVersion: 17, producerName: "me", graph }));
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const opset = message([stringField(1, ""), varintField(2, model.opsetVersion)]);
  return toBytes(
    message([
      varintField(1, model.irVersion),
      stringField(2, model.producerName),
      messageField(7, encodeGraph(model.graph)),
      messageField(8, opset),
    ]),
  );
}
