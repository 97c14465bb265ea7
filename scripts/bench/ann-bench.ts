import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createGraphBuilder, openGraph } from "../../src/store/embedded/hnsw-graph.ts";
import { DEFAULT_HNSW } from "../../src/store/embedded/manifest.ts";
import { efSearchFor } from "../../src/store/store-limits.ts";
import { exactTopK, recallAtK } from "./recall.ts";
import type { BenchContext, BenchSection } from "./section.ts";
import { formatNumber, judged, ratioRow, row } from "./section.ts";
import { syntheticUnitVectors, type VectorDistribution } from "./synthetic-vectors.ts";

/** Recall@10 at least this, at least this multiple of the exact scan's queries/s. */
const TARGET = { recall: 0.98, speedup: 20 };
const K = 10;
const DIMS = 384;
const VECTORS = 100_000;
const QUERIES = 100;
/** The search width the project uses for a top 10. */
const PROJECT_EF = efSearchFor(K);
/** Search widths tried on every graph, the project's among them, narrowest first. */
const EF_SWEEP = [...new Set([64, 128, 256, 512, 1024, PROJECT_EF])].sort((a, b) => a - b);

/** V8's collector, exposed at run time, so garbage does not blur memory readings. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Resident memory outside V8's heap and array buffers (where hnswlib's graph lives). */
async function nativeResidentBytes(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const { rss, heapTotal, external } = process.memoryUsage();
  return rss - heapTotal - external;
}

/** Runs `search` and gives its queries per second. */
function queriesPerSecond(search: () => void): number {
  const started = performance.now();
  search();
  return QUERIES / ((performance.now() - started) / 1000);
}

/** One distribution: exact top 10s by brute force, the graph's build, then the ef sweep. */
async function measureGraph(context: BenchContext, distribution: VectorDistribution) {
  context.log(`ann: ${VECTORS} ${distribution} vectors, brute force over ${QUERIES} queries`);
  const vectors = syntheticUnitVectors({ count: VECTORS, dims: DIMS, seed: 1, distribution });
  const querySet = syntheticUnitVectors({ count: QUERIES, dims: DIMS, seed: 2, distribution });
  const rowOf = (set: Float32Array, i: number) => set.subarray(i * DIMS, (i + 1) * DIMS);
  const queries = Array.from({ length: QUERIES }, (_, i) => rowOf(querySet, i));
  const truth: number[][] = [];
  const bruteQps = queriesPerSecond(() => {
    for (const query of queries) truth.push(exactTopK(vectors, DIMS, query, K));
  });
  context.log(`ann: building the ${distribution} graph`);
  const rssBefore = await nativeResidentBytes();
  const started = performance.now();
  const builder = createGraphBuilder(DIMS, DEFAULT_HNSW, VECTORS);
  for (let i = 0; i < VECTORS; i++) builder.add(rowOf(vectors, i));
  const buildS = (performance.now() - started) / 1000;
  const rssBytesPerVector = ((await nativeResidentBytes()) - rssBefore) / VECTORS;
  const folder = mkdtempSync(join(context.workDir, "ann-"));
  builder.write(join(folder, "graph.hnsw"));
  const graph = openGraph(join(folder, "graph.hnsw"), DEFAULT_HNSW, DIMS, VECTORS);
  const sweep = EF_SWEEP.map((ef) => {
    const found: number[][] = [];
    const qps = queriesPerSecond(() => {
      for (const query of queries) found.push(graph.search(query, K, undefined, ef).rows);
    });
    return { ef, recall_at_10: recallAtK(found, truth, K), qps, speedup: qps / bruteQps };
  });
  graph.close();
  rmSync(folder, { recursive: true, force: true });
  return {
    distribution,
    build_s: buildS,
    rss_bytes_per_vector: rssBytesPerVector,
    brute_force_qps: bruteQps,
    sweep,
  };
}

type GraphResult = Awaited<ReturnType<typeof measureGraph>>;
type EfResult = GraphResult["sweep"][number];

const meetsTarget = (r: EfResult) => r.recall_at_10 >= TARGET.recall && r.speedup >= TARGET.speedup;
const atProjectEf = (graph: GraphResult) => graph.sweep.find((r) => r.ef === PROJECT_EF)!;

/**
 * The project's ef, and the cheapest ef that meets the target (or else the best recall); then
 * the build time and memory.
 */
function graphFigures(graph: GraphResult) {
  const name = `ANN ${graph.distribution} ${VECTORS / 1000}k`;
  const projectEf = atProjectEf(graph);
  const best =
    graph.sweep.find(meetsTarget) ??
    graph.sweep.reduce((a, b) => (b.recall_at_10 > a.recall_at_10 ? b : a));
  return [
    ...[...new Set([projectEf, best])].flatMap((r) => [
      row(
        `${name}, ef ${r.ef}${r === projectEf ? " (project)" : ""}: recall@10`,
        formatNumber(r.recall_at_10),
        "exact top 10",
        judged(r.recall_at_10, { atLeast: TARGET.recall }),
      ),
      ratioRow(
        `${name}, ef ${r.ef}: queries/s`,
        `${Math.round(r.qps)} q/s`,
        `${formatNumber(graph.brute_force_qps)} q/s exact scan`,
        r.speedup,
        { atLeast: TARGET.speedup },
      ),
    ]),
    row(
      `${name}: build time, resident memory per vector`,
      `${formatNumber(graph.build_s)} s, ${Math.round(graph.rss_bytes_per_vector)} B`,
      `${DIMS * 4} B raw vector`,
    ),
  ];
}

/**
 * ANN quality and speed: the project's HNSW graph (`createGraphBuilder` with `DEFAULT_HNSW`,
 * searched at `efSearchFor(10)` and a sweep of other widths) against an exact scan, on 100k
 * seeded synthetic unit vectors: low-rank (as sentence embeddings are; the headline) and
 * uniform (the worst case, a stress row).
 */
export async function runAnnBench(context: BenchContext): Promise<BenchSection> {
  const lowRank = await measureGraph(context, "low-rank");
  const uniform = await measureGraph(context, "uniform");
  const headline = atProjectEf(lowRank);
  return {
    key: "ann",
    title: "ANN quality and speed",
    model: "none: the vectors are generated by the bench",
    figures: [...graphFigures(lowRank), ...graphFigures(uniform)],
    json: {
      vectors: VECTORS,
      distribution: lowRank.distribution,
      ef: headline.ef,
      recall_at_10: headline.recall_at_10,
      speedup: headline.speedup,
      qps: headline.qps,
      brute_force_qps: lowRank.brute_force_qps,
      build_s: lowRank.build_s,
      rss_bytes_per_vector: lowRank.rss_bytes_per_vector,
      target: { recall_at_10: TARGET.recall, speedup: TARGET.speedup },
      met: meetsTarget(headline),
      graphs: [lowRank, uniform],
    },
    notes: [
      `${VECTORS} vectors of ${DIMS} dims and ${QUERIES} queries per distribution; HNSW M ${DEFAULT_HNSW.m}, efConstruction ${DEFAULT_HNSW.efConstruction}, ef ∈ {${EF_SWEEP.join(", ")}} (the project's ${PROJECT_EF}).`,
    ],
  };
}
