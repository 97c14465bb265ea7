import type { OnnxAttribute, OnnxNode, OnnxTensor } from "./onnx-model.ts";

/** Collects the nodes and initializers of an ONNX graph as it is written, in order. */
export type GraphBuilder = {
  readonly nodes: OnnxNode[];
  readonly initializers: OnnxTensor[];
  /** Adds a node with one output (named `${name}_output_0` unless given); returns the output. */
  op(
    name: string,
    opType: string,
    inputs: string[],
    attributes?: Record<string, OnnxAttribute>,
    output?: string,
  ): string;
  /** Adds a node with `count` outputs (`${name}_output_0`, `_1`, …); returns them. */
  opOutputs(name: string, opType: string, inputs: string[], count: number): string[];
  /** Adds an initializer; returns its name. */
  tensor(name: string, dims: number[], values: OnnxTensor["values"]): string;
};

/**
 * An empty graph to write nodes and initializers into, named as PyTorch's exporter names them
 * (`/encoder/layer.0/attention/self/query/MatMul` → `…/MatMul_output_0`).
 *
 * @example
 * const graph = createGraphBuilder();
 * const sum = graph.op("/Add", "Add", ["x", graph.tensor("one", [], Float32Array.of(1))]);
 */
export function createGraphBuilder(): GraphBuilder {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  return {
    nodes,
    initializers,
    op(name, opType, inputs, attributes = {}, output = `${name}_output_0`) {
      nodes.push({ name, opType, inputs, outputs: [output], attributes });
      return output;
    },
    opOutputs(name, opType, inputs, count) {
      const outputs = Array.from({ length: count }, (_, i) => `${name}_output_${i}`);
      nodes.push({ name, opType, inputs, outputs, attributes: {} });
      return outputs;
    },
    tensor(name, dims, values) {
      initializers.push({ name, dims, values });
      return name;
    },
  };
}
