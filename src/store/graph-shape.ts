/**
 * The shape of every store's HNSW graph of paper vectors: M 16 and efConstruction 200 keep recall
 * high on real corpora. The embedded graph and OpenSearch's lucene graph are built alike, so the
 * two stores find the same neighbours.
 *
 * @example
 * const graph = new HierarchicalNSW("ip", dims);
 * graph.initIndex(capacity, GRAPH_SHAPE.m, GRAPH_SHAPE.efConstruction, seed);
 */
export const GRAPH_SHAPE = { m: 16, efConstruction: 200 } as const;
