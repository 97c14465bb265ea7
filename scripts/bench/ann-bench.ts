import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  createGraphBuilder,
  openGraph,
  type PaperGraph,
} from "../../src/store/embedded/hnsw-graph.ts";
import { DEFAULT_HNSW, type HnswParams } from "../../src/store/embedded/manifest.ts";
import { efSearchFor } from "../../src/store/store-limits.ts";
import type { BenchContext, BenchSection } from "./bench-section.ts";
import { exactTopK } from "./exact-knn.ts";
import { absoluteFigure, comparedFigure, type Figure, formatNumber } from "./figure.ts";
import { recallAtK } from "./recall.ts";
import { syntheticUnitVectors, type VectorDistribution } from "./synthetic-vectors.ts";

/** The issue's target: this recall@10 at this multiple of the brute-force query rate. */
const TARGET_RECALL = 0.98;
const TARGET_SPEEDUP = 20;
const K = 10;
const DIMS = 384;
/** The search width the project uses for a top 10. */
const PROJECT_EF = efSearchFor(K);
/** Search widths tried on every graph, the project's among them, narrowest first. */
const EF_SWEEP = [...new Set([64, 128, 256, 512, 1024, PROJECT_EF])].sort((a, b) => a - b);
/** Query vectors per data set (each with its exact top 10). */
const QUERIES = { "100k": 100, "1M": 50 };
/** Extra (M, efConstruction) builds for `--sweep`, on the uniform 100k set (the one that misses). */
const BUILD_SWEEP: Array<Pick<HnswParams, "m" | "efConstruction">> = [
  { m: 32, efConstruction: 200 },
  { m: 48, efConstruction: 400 },
];

interface EfResult {
  ef: number;
  recall_at_10: number;
  qps: number;
  speedup: number;
}

interface GraphResult {
  distribution: VectorDistribution;
  vectors: number;
  m: number;
  ef_construction: number;
  build_s: number;
  /** Native (non-V8) resident memory the graph added, per vector. */
  rss_bytes_per_vector: number;
  brute_force_qps: number;
  queries: number;
  sweep: EfResult[];
}

/** V8's collector, exposed at run time, so garbage does not blur memory readings. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * Resident memory outside V8's heap and array buffers (where hnswlib's graph lives), once
 * garbage is collected and the finalizers of collected graphs have freed their native memory.
 */
async function nativeResidentBytes(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const { rss, heapTotal, external } = process.memoryUsage();
  return rss - heapTotal - external;
}

function queriesPerSecond(count: number, run: () => void): number {
  const started = performance.now();
  run();
  return count / ((performance.now() - started) / 1000);
}

function rows(vectors: Float32Array): Float32Array[] {
  return Array.from({ length: vectors.length / DIMS }, (_, i) =>
    vectors.subarray(i * DIMS, (i + 1) * DIMS),
  );
}

function measureEf(
  graph: PaperGraph,
  queries: Float32Array[],
  truth: number[][],
  bruteQps: number,
) {
  return (ef: number): EfResult => {
    const found: number[][] = [];
    const qps = queriesPerSecond(queries.length, () => {
      for (const query of queries) found.push(graph.search(query, K, undefined, ef).rows);
    });
    return { ef, recall_at_10: recallAtK(found, truth, K), qps, speedup: qps / bruteQps };
  };
}

async function measureGraph(
  context: BenchContext,
  data: { vectors: Float32Array; queries: Float32Array[]; truth: number[][]; bruteQps: number },
  distribution: VectorDistribution,
  params: HnswParams,
): Promise<GraphResult> {
  const count = data.vectors.length / DIMS;
  const label = `ann: ${distribution} ${count} vectors, M ${params.m} efConstruction ${params.efConstruction}`;
  const rssBefore = await nativeResidentBytes();
  const started = performance.now();
  let nextDecile = 1;
  const builder = createGraphBuilder(DIMS, params, count);
  for (let row = 0; row < count; row++) {
    builder.add(data.vectors.subarray(row * DIMS, (row + 1) * DIMS));
    if (row + 1 >= (nextDecile * count) / 10) {
      context.log(`${label}: built ${row + 1}/${count}`);
      nextDecile += 1;
    }
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const rssBytesPerVector = ((await nativeResidentBytes()) - rssBefore) / count;
  const file = join(mkdtempSync(join(tmpdir(), "paperchat-ann-")), "graph.hnsw");
  builder.write(file);
  const graph = openGraph(file, params, DIMS, count);
  const sweep = EF_SWEEP.map(measureEf(graph, data.queries, data.truth, data.bruteQps));
  graph.close();
  rmSync(dirname(file), { recursive: true, force: true });
  for (const r of sweep) {
    context.log(
      `${label}: ef ${r.ef} recall@10 ${r.recall_at_10.toFixed(3)}, ${Math.round(r.qps)} q/s (${r.speedup.toFixed(1)}× brute force)`,
    );
  }
  return {
    distribution,
    vectors: count,
    m: params.m,
    ef_construction: params.efConstruction,
    build_s: buildSeconds,
    rss_bytes_per_vector: rssBytesPerVector,
    brute_force_qps: data.bruteQps,
    queries: data.queries.length,
    sweep,
  };
}

function prepareData(
  context: BenchContext,
  distribution: VectorDistribution,
  count: number,
  queryCount: number,
) {
  context.log(`ann: generating ${count} ${distribution} unit vectors (${DIMS} dims)`);
  const vectors = syntheticUnitVectors({ count, dims: DIMS, seed: 1, distribution });
  const queries = rows(
    syntheticUnitVectors({ count: queryCount, dims: DIMS, seed: 2, distribution }),
  );
  context.log(`ann: brute force over ${queryCount} queries`);
  const truth: number[][] = [];
  const bruteQps = queriesPerSecond(queryCount, () => {
    for (const query of queries) truth.push(exactTopK(vectors, DIMS, query, K));
  });
  return { vectors, queries, truth, bruteQps };
}

const atProjectEf = (graph: GraphResult) => graph.sweep.find((r) => r.ef === PROJECT_EF)!;

const meetsTarget = (r: EfResult) => r.recall_at_10 >= TARGET_RECALL && r.speedup >= TARGET_SPEEDUP;

/** Table rows for one graph; the target applies (and is judged) at 100k. */
function graphFigures(graph: GraphResult): Figure[] {
  const name = `ANN ${graph.distribution} ${graph.vectors / 1000}k, M ${graph.m}/efC ${graph.ef_construction}`;
  const projectEf = atProjectEf(graph);
  const bestMeeting = graph.sweep.find(meetsTarget);
  const highestRecall = graph.sweep.reduce((a, b) => (b.recall_at_10 > a.recall_at_10 ? b : a));
  const reported = [projectEf, ...(bestMeeting && bestMeeting !== projectEf ? [bestMeeting] : [])];
  if (!bestMeeting && highestRecall !== projectEf) reported.push(highestRecall);
  const figures = reported.flatMap((r) => {
    const target = graph.vectors === 100_000;
    return [
      absoluteFigure({
        figure: `${name}, ef ${r.ef}${r === projectEf ? " (project)" : ""}: recall@10`,
        value: formatNumber(r.recall_at_10),
        reference: "exact top 10",
        target: target ? `≥ ${TARGET_RECALL}` : undefined,
        met: target ? r.recall_at_10 >= TARGET_RECALL : undefined,
      }),
      comparedFigure({
        figure: `${name}, ef ${r.ef}: queries/s`,
        value: `${Math.round(r.qps)} q/s`,
        reference: `${formatNumber(graph.brute_force_qps)} q/s brute force`,
        ratio: r.speedup,
        target: target ? { atLeast: TARGET_SPEEDUP } : undefined,
      }),
    ];
  });
  figures.push(
    absoluteFigure({
      figure: `${name}: build time`,
      value: `${formatNumber(graph.build_s)} s (${Math.round(graph.vectors / graph.build_s)} vectors/s)`,
    }),
    absoluteFigure({
      figure: `${name}: resident memory per vector`,
      value: `${Math.round(graph.rss_bytes_per_vector)} B`,
      reference: `${DIMS * 4} B raw vector`,
    }),
  );
  return figures;
}

/** Every swept setting of the 100k graphs that meets the target, for one distribution. */
function settingsMeetingTarget(graphs: GraphResult[], distribution: VectorDistribution) {
  return graphs
    .filter((g) => g.distribution === distribution && g.vectors === 100_000)
    .flatMap((g) =>
      g.sweep
        .filter(meetsTarget)
        .map((r) => ({ m: g.m, ef_construction: g.ef_construction, ...r })),
    );
}

function describeMeeting(graphs: GraphResult[], distribution: VectorDistribution): string {
  const meeting = settingsMeetingTarget(graphs, distribution);
  const tried = graphs.filter((g) => g.distribution === distribution && g.vectors === 100_000);
  const settings = tried.map((g) => `M ${g.m}/efC ${g.ef_construction}`).join(", ");
  if (meeting.length === 0) {
    const best = tried
      .flatMap((g) => g.sweep.map((r) => ({ g, r })))
      .filter(({ r }) => r.speedup >= TARGET_SPEEDUP)
      .reduce<{ g: GraphResult; r: EfResult } | undefined>(
        (a, b) => (!a || b.r.recall_at_10 > a.r.recall_at_10 ? b : a),
        undefined,
      );
    const bestText = best
      ? `the best recall at ≥ ${TARGET_SPEEDUP}× was ${formatNumber(best.r.recall_at_10)} (M ${best.g.m}/efC ${best.g.ef_construction}, ef ${best.r.ef})`
      : `nothing reached ${TARGET_SPEEDUP}×`;
    return `**${distribution} 100k**: no setting tried (${settings}; ef ${EF_SWEEP.join(", ")}) meets recall@10 ≥ ${TARGET_RECALL} at ≥ ${TARGET_SPEEDUP}×; ${bestText}.`;
  }
  const first = meeting[0]!;
  return `**${distribution} 100k**: the target is met by ${meeting.map((r) => `M ${r.m}/efC ${r.ef_construction} ef ${r.ef} (recall ${formatNumber(r.recall_at_10)}, ${formatNumber(r.speedup)}×)`).join("; ")}; the cheapest is ef ${first.ef} with M ${first.m}/efC ${first.ef_construction}.`;
}

/**
 * ANN quality and speed: HNSW (the project's `createGraphBuilder` with `DEFAULT_HNSW`, searched with
 * `efSearchFor(10)` and a sweep of wider ef) against an exact brute-force scan, on seeded
 * synthetic unit vectors: uniform (the worst case) and low-rank (closer to text embeddings),
 * 100k each, and 1M uniform with `--large`. `--sweep` adds builds with larger M/efConstruction.
 *
 * @example
 * const section = await runAnnBench(context);
 */
export async function runAnnBench(context: BenchContext): Promise<BenchSection> {
  const graphs: GraphResult[] = [];
  for (const distribution of ["uniform", "low-rank"] as const) {
    const data = prepareData(context, distribution, 100_000, QUERIES["100k"]);
    const sweep = context.sweep && distribution === "uniform" ? BUILD_SWEEP : [];
    for (const params of [DEFAULT_HNSW, ...sweep]) {
      graphs.push(await measureGraph(context, data, distribution, { ...DEFAULT_HNSW, ...params }));
    }
  }
  if (context.large) {
    const data = prepareData(context, "uniform", 1_000_000, QUERIES["1M"]);
    graphs.push(await measureGraph(context, data, "uniform", DEFAULT_HNSW));
  }

  // The headline is low-rank data (as sentence embeddings are); uniform is the stress row.
  const headline = graphs.find(
    (g) =>
      g.distribution === "low-rank" &&
      g.m === DEFAULT_HNSW.m &&
      g.ef_construction === DEFAULT_HNSW.efConstruction,
  )!;
  const projectEf = atProjectEf(headline);
  const isDefault = (g: GraphResult) =>
    g.m === DEFAULT_HNSW.m && g.ef_construction === DEFAULT_HNSW.efConstruction;
  return {
    key: "ann",
    title: "ANN quality and speed",
    model: "none: the vectors are generated by the bench",
    figures: graphs.flatMap(graphFigures),
    json: {
      dims: DIMS,
      k: K,
      distribution: headline.distribution,
      vectors: headline.vectors,
      recall_at_10: projectEf.recall_at_10,
      speedup: projectEf.speedup,
      ef: projectEf.ef,
      qps: projectEf.qps,
      brute_force_qps: headline.brute_force_qps,
      build_s: headline.build_s,
      rss_bytes_per_vector: headline.rss_bytes_per_vector,
      target: { recall_at_10: TARGET_RECALL, speedup: TARGET_SPEEDUP },
      met: meetsTarget(projectEf),
      settings_meeting_target: {
        uniform: settingsMeetingTarget(graphs, "uniform"),
        "low-rank": settingsMeetingTarget(graphs, "low-rank"),
      },
      graphs,
    },
    notes: [
      `Synthetic unit vectors, ${DIMS} dims, seeded, ${headline.queries} query vectors per 100k set drawn from the same distribution. **uniform**: isotropic Gaussian directions, the worst case for a graph index (every point is about as far from every other, so neighbourhoods carry no structure); a reported stress row. **low-rank**: a 32-dimensional Gaussian mapped into 384 dims by a fixed random matrix plus 10% isotropic noise: low intrinsic dimension, as sentence embeddings have; the headline figures (\`ann.recall_at_10\`, \`ann.speedup\`) are low-rank 100k with the project's settings: \`buildHnsw\` with \`DEFAULT_HNSW\` (M ${DEFAULT_HNSW.m}, efConstruction ${DEFAULT_HNSW.efConstruction}) searched at \`efSearchFor(10)\` = ${PROJECT_EF}. (Isotropic clusters were tried and dropped: inside a cluster the neighbour problem is again uniform.)`,
      `The reference is an exact scan: a four-accumulator Float32Array dot-product loop over every vector, top 10 kept in a sorted list, single-threaded, in this process; the same queries for both. HNSW queries go through \`searchKnn(Array.from(q), 10)\` as the search engine calls it. ef ∈ {${EF_SWEEP.join(", ")}} is swept on every graph; the table shows the project's ef and the smallest ef that meets the target, or else the highest recall.`,
      describeMeeting(graphs, "uniform"),
      describeMeeting(graphs, "low-rank"),
      `Build time is \`createGraphBuilder\` alone (single-threaded \`addPoint\` per vector${graphs.some((g) => !isDefault(g)) ? "" : "; `npm run bench -- --only ann --sweep` adds larger M/efConstruction"}). Resident memory per vector is the growth of the process's resident memory outside V8's heap and array buffers across the build, ÷ vectors: the graph's own copy of each vector plus its links.`,
    ],
  };
}
