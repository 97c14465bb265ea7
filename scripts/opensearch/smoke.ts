/**
 * Runs every request paper-requests.ts describes against a real OpenSearch cluster, with plain
 * fetch, and checks what comes back: index creation, bulk indexing and its per-item errors, knn
 * with filters and ef_search, BM25, aliases, lookups by id and hash, and the errors a user meets.
 * Prints one line per check and `N passed, N failed`; exits 1 when any failed.
 *
 *   bash scripts/opensearch/cluster.sh start
 *   npx tsx scripts/opensearch/smoke.ts [--url URL] [--docs 1000] [--prefix smoke] [--keep]
 *
 * On a cluster without the k-NN plugin (cluster.sh start --without-knn) it checks instead the
 * errors such a cluster gives.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { inBatchesOf } from "../bench/in-batches-of.ts";
import { exactTopK, recallAtK } from "../bench/recall.ts";
import type { BulkReply, PaperDocument, PaperFilter } from "./paper-requests.ts";
import {
  aliasSwapBody,
  bulkFailures,
  bulkIndexBody,
  existingHashesQuery,
  HASHES_PER_QUERY,
  HEAVY_FIELDS,
  lexicalQuery,
  nearestQuery,
  paperIndexBody,
  papersBody,
  papersPath,
} from "./paper-requests.ts";
import type { OpenSearchError, OpenSearchRest } from "./rest.ts";
import { openSearchRest } from "./rest.ts";
import { syntheticPapers } from "./synthetic-papers.ts";

const { values: flags } = parseArgs({
  options: {
    url: { type: "string", default: process.env.OPENSEARCH_URL ?? "http://127.0.0.1:9250" },
    docs: { type: "string", default: "1000" },
    prefix: { type: "string", default: "smoke" },
    keep: { type: "boolean", default: false },
  },
});
const DIMS = 384;
const MODEL = "synthetic-low-rank";
const K = 10;
const BATCH = 500;
const count = Number(flags.docs);
const alias = `${flags.prefix}-papers`;
const generation = (n: number) => `${alias}-${n}`;
const rest = openSearchRest({ url: flags.url });

interface SearchReply {
  timed_out: boolean;
  _shards: { total: number; successful: number; failed: number };
  hits: { hits: { _id: string; _score: number; _source?: Partial<PaperDocument> }[] };
}
interface ErrorReply {
  error: OpenSearchError;
  status: number;
}
interface MgetReply {
  docs: { _id: string; found: boolean; _source?: Partial<PaperDocument> }[];
}

/** Asserts the status, and returns the body typed. */
async function expectStatus<Body>(
  status: number,
  reply: Promise<{ status: number; body: unknown }>,
): Promise<Body> {
  const { status: got, body } = await reply;
  assert.equal(got, status, `status ${got}: ${JSON.stringify(body).slice(0, 500)}`);
  return body as Body;
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const ids = (reply: SearchReply) => reply.hits.hits.map((hit) => hit._id);
const rowOf = (id: string) => Number(id.slice(1));

// ---- the checks ----------------------------------------------------------------------------

type Check = [name: string, run: () => Promise<string | undefined>];

async function withKnn(client: OpenSearchRest): Promise<Check[]> {
  const health = await expectStatus<{ number_of_data_nodes: number }>(
    200,
    client.request("GET", "/_cluster/health"),
  );
  const replicas = health.number_of_data_nodes > 1 ? 1 : 0;
  const { documents, vectors } = syntheticPapers({ count, dims: DIMS, seed: 11 });
  const queries = syntheticPapers({ count: 20, dims: DIMS, seed: 99 }).vectors;
  const queryVector = (q: number) => queries.subarray(q * DIMS, (q + 1) * DIMS);
  const paperVector = (row: number) => vectors.subarray(row * DIMS, (row + 1) * DIMS);
  const index = generation(1);
  const search = (body: object, target = index) =>
    expectStatus<SearchReply>(200, client.request("POST", `/${target}/_search`, body));
  const matches = (paper: PaperDocument, filter: PaperFilter) =>
    (!filter.categories || paper.categories.some((c) => filter.categories!.includes(c))) &&
    (filter.yearFrom === undefined || paper.year! >= filter.yearFrom) &&
    (filter.yearTo === undefined || paper.year! <= filter.yearTo);

  return [
    [
      `create ${index} (${replicas} replica)`,
      async () => {
        await client.request("DELETE", `/${alias}-*`);
        await expectStatus(
          200,
          client.request(
            "PUT",
            `/${index}`,
            paperIndexBody({ dims: DIMS, shards: 1, replicas, model: MODEL }),
          ),
        );
        const mapping = await expectStatus<
          Record<string, { mappings: { _meta: { model: string }; properties: object } }>
        >(200, client.request("GET", `/${index}/_mapping`));
        const { properties, _meta } = mapping[index]!.mappings;
        assert.deepEqual((properties as Record<string, object>).vector, {
          type: "knn_vector",
          dimension: DIMS,
          method: {
            engine: "lucene",
            space_type: "cosinesimil",
            name: "hnsw",
            parameters: { ef_construction: 200, m: 16 },
          },
        });
        assert.equal(_meta.model, MODEL);
        return undefined;
      },
    ],
    [
      `bulk-index ${count} papers, ${BATCH} a request, then refresh`,
      async () => {
        const started = performance.now();
        for (const batch of inBatchesOf(documents, BATCH)) {
          const reply = await expectStatus<BulkReply>(
            200,
            client.request("POST", "/_bulk", bulkIndexBody(index, batch)),
          );
          assert.deepEqual(bulkFailures(reply), []);
        }
        await expectStatus(200, client.request("POST", `/${index}/_refresh`));
        const seconds = (performance.now() - started) / 1000;
        const counted = await expectStatus<{ count: number }>(
          200,
          client.request("GET", `/${index}/_count`),
        );
        assert.equal(counted.count, count);
        return `${Math.round(count / seconds)} papers/s`;
      },
    ],
    [
      "bulk: 200 with errors: true, and a status and error per failed item",
      async () => {
        const good = { ...documents[0]!, id: "extra" };
        const reply = await expectStatus<BulkReply>(
          200,
          client.request(
            "POST",
            "/_bulk?refresh=wait_for",
            bulkIndexBody(index, [
              good,
              { ...good, id: "short", vector: [1, 2, 3] },
              { ...good, id: "zero", vector: new Array(DIMS).fill(0) },
              { ...good, id: "typo", ...{ yaer: 2001 } },
            ]),
          ),
        );
        assert.equal(reply.errors, true);
        assert.equal(reply.items[0]!.index!.status, 201);
        const failures = bulkFailures(reply);
        assert.deepEqual(
          failures.map(({ id, status, type }) => [id, status, type]),
          [
            ["short", 400, "mapper_parsing_exception"],
            ["zero", 400, "mapper_parsing_exception"],
            ["typo", 400, "strict_dynamic_mapping_exception"],
          ],
        );
        await expectStatus(200, client.request("DELETE", `/${index}/_doc/extra?refresh=true`));
        return failures.map((f) => `${f.id}: ${f.reason}`).join(" | ");
      },
    ],
    [
      "knn: a paper's own vector finds it first, score (1 + cos) / 2 = 1",
      async () => {
        const reply = await search(nearestQuery(paperVector(3), K));
        assert.equal(reply.hits.hits.length, K);
        assert.equal(reply.hits.hits[0]!._id, "p3");
        assert.ok(Math.abs(reply.hits.hits[0]!._score - 1) < 1e-4);
        assert.equal(reply.hits.hits[0]!._source, undefined);
        return undefined;
      },
    ],
    [
      "knn with a terms + range filter inside: k hits, all matching, as an exact scan",
      async () => {
        const filter: PaperFilter = { categories: ["cs.LG", "stat.ML"], yearFrom: 2010 };
        const allowed = documents.filter((paper) => matches(paper, filter));
        const rows = allowed.map((paper) => rowOf(paper.id));
        const subset = new Float32Array(rows.length * DIMS);
        for (const [i, row] of rows.entries()) subset.set(paperVector(row), i * DIMS);
        const found: number[][] = [];
        const truth: number[][] = [];
        for (let q = 0; q < 10; q++) {
          const reply = await search(nearestQuery(queryVector(q), K, { filter }));
          assert.equal(reply.hits.hits.length, Math.min(K, allowed.length));
          const allowedIds = new Set(allowed.map((paper) => paper.id));
          for (const id of ids(reply)) assert.ok(allowedIds.has(id), `${id} does not match`);
          found.push(ids(reply).map(rowOf));
          truth.push(exactTopK(subset, DIMS, queryVector(q), K).map((i) => rows[i]!));
        }
        const recall = recallAtK(found, truth, K);
        assert.ok(recall >= 0.9, `filtered recall@${K} ${recall}`);
        return `${allowed.length} of ${count} papers match; recall@${K} ${recall.toFixed(3)}`;
      },
    ],
    [
      "knn excluding the paper itself (similar papers)",
      async () => {
        const reply = await search(
          nearestQuery(paperVector(3), K, { filter: { excludeIds: ["p3"] } }),
        );
        assert.equal(reply.hits.hits.length, K);
        assert.ok(!ids(reply).includes("p3"));
        return undefined;
      },
    ],
    [
      "knn method_parameters.ef_search: still k hits; recall@10 against an exact scan",
      async () => {
        const truth = Array.from({ length: 20 }, (_, q) =>
          exactTopK(vectors, DIMS, queryVector(q), K),
        );
        const recalls: string[] = [];
        for (const efSearch of [undefined, 100]) {
          const found: number[][] = [];
          for (let q = 0; q < 20; q++) {
            const reply = await search(nearestQuery(queryVector(q), K, { efSearch }));
            assert.equal(reply.hits.hits.length, K);
            found.push(ids(reply).map(rowOf));
          }
          recalls.push(`ef ${efSearch ?? "default"}: ${recallAtK(found, truth, K).toFixed(3)}`);
        }
        return recalls.join(", ");
      },
    ],
    [
      "BM25 over title^2 + abstract, filtered, ids and scores only",
      async () => {
        const paper = documents[5]!;
        const filter: PaperFilter = { categories: [paper.categories[0]!], yearFrom: paper.year };
        const reply = await search(lexicalQuery(paper.title, K, filter));
        assert.equal(reply.hits.hits[0]!._id, paper.id);
        assert.equal(reply.hits.hits[0]!._source, undefined);
        const hits = await expectStatus<MgetReply>(
          200,
          client.request("POST", papersPath(index), papersBody(ids(reply))),
        );
        for (const doc of hits.docs) assert.ok(matches(doc._source as PaperDocument, filter));
        return `${reply.hits.hits.length} hits`;
      },
    ],
    [
      "papers(ids): _mget without the vectors; a missing id is found: false",
      async () => {
        const reply = await expectStatus<MgetReply>(
          200,
          client.request("POST", papersPath(index), papersBody(["p1", "p2", "nope"])),
        );
        assert.deepEqual(
          reply.docs.map((doc) => [doc._id, doc.found]),
          [
            ["p1", true],
            ["p2", true],
            ["nope", false],
          ],
        );
        const source = reply.docs[0]!._source!;
        for (const field of HEAVY_FIELDS) assert.ok(!(field in source), `${field} came back`);
        const { sentence_offsets: offsets, ...rest } = documents[1]!;
        assert.deepEqual(offsets, source.sentence_offsets);
        assert.equal(rest.abstract, source.abstract);
        return undefined;
      },
    ],
    [
      "ids query",
      async () => {
        const reply = await search({
          size: 3,
          _source: false,
          query: { ids: { values: ["p7", "p8"] } },
        });
        assert.deepEqual(ids(reply).sort(), ["p7", "p8"]);
        return undefined;
      },
    ],
    [
      "sentenceVectors(id): the base64 comes back byte for byte",
      async () => {
        const reply = await expectStatus<{ _source: Partial<PaperDocument> }>(
          200,
          client.request("GET", `/${index}/_doc/p4?_source_includes=sentence_vectors`),
        );
        assert.equal(reply._source.sentence_vectors, documents[4]!.sentence_vectors);
        return undefined;
      },
    ],
    [
      `which content hashes exist: terms queries of ${HASHES_PER_QUERY}`,
      async () => {
        const known = documents.slice(0, 1500).map((paper) => paper.content_hash);
        const unknown = Array.from({ length: 700 }, (_, i) => `unknown-${i}`);
        const found = new Set<string>();
        for (const chunk of inBatchesOf([...unknown, ...known], HASHES_PER_QUERY)) {
          const reply = await search(existingHashesQuery(chunk));
          for (const hit of reply.hits.hits) found.add(hit._source!.content_hash!);
        }
        assert.deepEqual([...found].sort(), [...new Set(known)].sort());
        return `${found.size} of ${known.length + unknown.length} exist`;
      },
    ],
    [
      `aliases: ${alias} moves from ${generation(1)} to ${generation(2)} atomically`,
      async () => {
        await expectStatus(200, client.request("POST", "/_aliases", aliasSwapBody(alias, index)));
        const body = paperIndexBody({ dims: DIMS, shards: 1, replicas, model: MODEL });
        await expectStatus(200, client.request("PUT", `/${generation(2)}`, body));
        await expectStatus(
          200,
          client.request(
            "POST",
            "/_bulk?refresh=wait_for",
            bulkIndexBody(generation(2), documents.slice(0, 10)),
          ),
        );
        await expectStatus(
          200,
          client.request("POST", "/_aliases", aliasSwapBody(alias, generation(2))),
        );
        const aliases = await expectStatus<object>(200, client.request("GET", `/_alias/${alias}`));
        assert.deepEqual(Object.keys(aliases), [generation(2)]);
        const counted = await expectStatus<{ count: number }>(
          200,
          client.request("GET", `/${alias}/_count`),
        );
        assert.equal(counted.count, 10);
        // Back to generation 1 for the checks that follow; generation 2 is dropped.
        await expectStatus(200, client.request("POST", "/_aliases", aliasSwapBody(alias, index)));
        await expectStatus(200, client.request("DELETE", `/${generation(2)}`));
        await expectStatus(404, client.request("GET", `/${generation(2)}`));
        return undefined;
      },
    ],
    [
      "error: connection refused",
      async () => {
        const closed = openSearchRest({ url: `http://127.0.0.1:${await closedPort()}` });
        const error = await closed.request("GET", "/").then(
          () => assert.fail("a closed port answered"),
          (thrown: Error & { cause?: { code?: string } }) => thrown,
        );
        assert.equal(error.name, "TypeError");
        assert.equal(error.cause?.code, "ECONNREFUSED");
        return `${error.name}: ${error.message} (cause ${error.cause?.code})`;
      },
    ],
    [
      "error: read-only block (what a full disk sets): 429 on writes, reads still 200",
      async () => {
        const block = (value: boolean | null) =>
          client.request("PUT", `/${index}/_settings`, {
            "index.blocks.read_only_allow_delete": value,
          });
        await expectStatus(200, block(true));
        try {
          const reply = await expectStatus<ErrorReply>(
            429,
            client.request("PUT", `/${index}/_doc/blocked`, documents[0]!),
          );
          assert.equal(reply.error.type, "cluster_block_exception");
          const bulk = await expectStatus<BulkReply>(
            200,
            client.request("POST", "/_bulk", bulkIndexBody(index, documents.slice(0, 1))),
          );
          assert.equal(bulkFailures(bulk)[0]?.status, 429);
          await search({ size: 1, query: { match_all: {} } }, alias);
          return reply.error.reason;
        } finally {
          await expectStatus(200, block(null));
        }
      },
    ],
    [
      "error: the client gives up (AbortSignal.timeout): TimeoutError",
      async () => {
        const error = await client
          .request("GET", "/_cluster/health?wait_for_nodes=99&timeout=5s", undefined, {
            timeoutMs: 300,
          })
          .then(
            () => assert.fail("answered"),
            (thrown: Error) => thrown,
          );
        assert.equal(error.name, "TimeoutError");
        return error.message;
      },
    ],
    [
      "error: the server gives up (health with a timeout): 408, timed_out: true",
      async () => {
        const reply = await expectStatus<{ timed_out: boolean }>(
          408,
          client.request("GET", "/_cluster/health?wait_for_nodes=99&timeout=200ms"),
        );
        assert.equal(reply.timed_out, true);
        return undefined;
      },
    ],
    [
      "error: a query vector of the wrong dimension: 400",
      async () => {
        const reply = await expectStatus<ErrorReply>(
          400,
          client.request("POST", `/${index}/_search`, {
            query: { knn: { vector: { vector: [1, 2, 3], k: 3 } } },
          }),
        );
        return `${reply.error.type}: ${reply.error.root_cause?.[0]?.reason ?? reply.error.reason}`;
      },
    ],
    [
      "error: a missing index: 404 index_not_found_exception",
      async () => {
        const reply = await expectStatus<ErrorReply>(
          404,
          client.request("POST", `/${alias}-missing/_search`, { query: { match_all: {} } }),
        );
        assert.equal(reply.error.type, "index_not_found_exception");
        return undefined;
      },
    ],
    [
      "error: a knn_vector with a method but without index.knn: 400",
      async () => {
        const { settings: _, ...mappingOnly } = paperIndexBody({
          dims: DIMS,
          shards: 1,
          replicas,
          model: MODEL,
        }) as { settings: object; mappings: object };
        const reply = await expectStatus<ErrorReply>(
          400,
          client.request("PUT", `/${alias}-no-knn-setting`, mappingOnly),
        );
        assert.equal(reply.error.type, "mapper_parsing_exception");
        return reply.error.caused_by?.reason;
      },
    ],
    [
      "cleanup",
      async () => {
        if (!flags.keep) await expectStatus(200, client.request("DELETE", `/${alias}-*`));
        return flags.keep ? "kept" : undefined;
      },
    ],
  ];
}

/** What a cluster without the k-NN plugin answers, and how paperchat can tell. */
function withoutKnn(client: OpenSearchRest): Check[] {
  const body = paperIndexBody({ dims: DIMS, shards: 1, replicas: 0, model: MODEL }) as {
    settings: object;
    mappings: object;
  };
  return [
    [
      "no k-NN: creating the index: 400 unknown setting [index.knn]",
      async () => {
        const reply = await expectStatus<ErrorReply>(
          400,
          client.request("PUT", `/${alias}-1`, body),
        );
        assert.equal(reply.error.type, "illegal_argument_exception");
        return reply.error.reason;
      },
    ],
    [
      "no k-NN: the mapping alone: 400 No handler for type [knn_vector]",
      async () => {
        const reply = await expectStatus<ErrorReply>(
          400,
          client.request("PUT", `/${alias}-1`, { mappings: body.mappings }),
        );
        assert.equal(reply.error.type, "mapper_parsing_exception");
        return reply.error.reason;
      },
    ],
    [
      "no k-NN: a knn query: 400 unknown query [knn]",
      async () => {
        const reply = await expectStatus<ErrorReply>(
          400,
          client.request("POST", "/_search", nearestQuery(new Float32Array(DIMS).fill(1), 1)),
        );
        assert.equal(reply.error.type, "parsing_exception");
        return reply.error.reason;
      },
    ],
  ];
}

// ---- main ----------------------------------------------------------------------------------

/** Whether every node of the cluster has the k-NN plugin (by class: names differ by packaging). */
async function hasKnn(client: OpenSearchRest): Promise<boolean> {
  const reply = await expectStatus<{ nodes: Record<string, { plugins: { classname: string }[] }> }>(
    200,
    client.request("GET", "/_nodes/plugins"),
  );
  return Object.values(reply.nodes).every((node) =>
    node.plugins.some((plugin) => plugin.classname === "org.opensearch.knn.plugin.KNNPlugin"),
  );
}

const version = await expectStatus<{ version: { number: string } }>(200, rest.request("GET", "/"));
const knn = await hasKnn(rest);
console.log(
  `OpenSearch ${version.version.number} at ${rest.url}, k-NN plugin: ${knn ? "yes" : "no"}`,
);
const checks = knn ? await withKnn(rest) : withoutKnn(rest);
let passed = 0;
let failed = 0;
for (const [name, run] of checks) {
  const started = performance.now();
  try {
    const detail = await run();
    const ms = Math.round(performance.now() - started);
    console.log(`ok   ${name} (${ms} ms)${detail ? `\n     ${detail}` : ""}`);
    passed += 1;
  } catch (error) {
    console.log(`FAIL ${name}\n     ${error instanceof Error ? error.message : String(error)}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
