import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../../src/indexing/build-index.ts";
import { IndexError } from "../../../src/store/index-errors.ts";
import { createClusterClient } from "../../../src/store/opensearch/cluster-client.ts";
import { openSearchLocation } from "../../../src/store/opensearch/opensearch-location.ts";
import {
  DOCUMENT_FORMAT_VERSION,
  type PaperDocument,
  papersIndexBody,
} from "../../../src/store/opensearch/paper-documents.ts";
import {
  deleteStorePrefix,
  freshStorePrefix,
  openSearchUrl,
} from "../../support/opensearch-url.ts";
import { BUNDLED_CORPUS, loadTinyEmbedder } from "../../support/tiny-index.ts";

const url = openSearchUrl("the OpenSearch store's reading of an index of document format 1");

interface Hit {
  _id: string;
  _source: PaperDocument;
  fields?: { vector_bytes?: string[] };
}

describe.runIf(url)("an OpenSearch index of document format 1 (the vector in the source)", () => {
  const prefix = freshStorePrefix("format1");
  const alias = `${prefix}-papers`;
  // Made in the describe's own callback, which runs even when the cluster tests are skipped.
  const cluster = createClusterClient({ url: url ?? "http://127.0.0.1:1" });
  const location = openSearchLocation({ url: url ?? "http://127.0.0.1:1", prefix });
  /** Each paper's vector as the current build wrote it, as base64 of its float32s. */
  const vectors = new Map<string, string>();

  /** All documents of the index in force, with the vector's bytes from doc values. */
  async function documents(): Promise<Hit[]> {
    const { body } = await cluster.request<{ hits: { hits: Hit[] } }>("POST", `/${alias}/_search`, {
      size: 1000,
      docvalue_fields: ["vector_bytes"],
      sort: [{ row: "asc" }],
    });
    return body.hits.hits;
  }

  beforeAll(async () => {
    const embedder = await loadTinyEmbedder();
    await buildIndex({ corpusFiles: [BUNDLED_CORPUS], store: location, embedder });
    const held = await documents();
    for (const hit of held) vectors.set(hit._id, hit.fields!.vector_bytes![0]!);
    // The same papers as paperchat wrote them before format 2: the vector as JSON numbers in
    // the stored source, the terms too, no vector bytes; the index named in force by the alias.
    const { body: mapping } = await cluster.request<
      Record<string, { mappings: { _meta: { paperchat: { facts: { dims: number } } } } }>
    >("GET", `/${alias}/_mapping`);
    const [current, { mappings }] = Object.entries(mapping)[0]!;
    const { facts } = mappings._meta.paperchat;
    const old = papersIndexBody({
      dims: facts.dims,
      replicas: 0,
      meta: { documentFormat: 1, facts },
    }) as { mappings: { _source?: unknown; properties: Record<string, unknown> } };
    delete old.mappings._source;
    delete old.mappings.properties.vector_bytes;
    const formatOne = `${alias}-format1`;
    await cluster.request("PUT", `/${formatOne}`, old);
    const lines = held.flatMap((hit) => {
      const bytes = Buffer.from(vectors.get(hit._id)!, "base64");
      const vector = Array.from(new Float32Array(new Uint8Array(bytes).buffer));
      const { vector_bytes: _, ...source } = { ...hit._source, vector };
      return [
        JSON.stringify({ index: { _index: formatOne, _id: hit._id } }),
        JSON.stringify(source),
      ];
    });
    await cluster.request("POST", "/_bulk?refresh=true", { ndjson: `${lines.join("\n")}\n` });
    await cluster.request("POST", "/_aliases", {
      actions: [{ remove: { index: current, alias } }, { add: { index: formatOne, alias } }],
    });
    await cluster.request("DELETE", `/${current}`);
  }, 300_000);

  afterAll(() => deleteStorePrefix(url!, prefix));

  it("is refused by the store with the command that rebuilds it, then rebuilt in the current format from its own model work, without the vector in the source", async () => {
    const embedder = await loadTinyEmbedder();
    const opened = location.open({ encoder: embedder });
    await expect(opened).rejects.toThrow(IndexError);
    await expect(opened).rejects.toThrow(
      `has document format 1, this paperchat reads format ${DOCUMENT_FORMAT_VERSION}. Rebuild it with \`npm run index -- --store ${url} --store-prefix ${prefix}\``,
    );
    expect(await location.stored()).toHaveProperty("earlierFormat");

    const result = await buildIndex({ corpusFiles: [BUNDLED_CORPUS], store: location, embedder });
    expect(result.embedded).toBe(0);
    expect(result.reused).toBe(vectors.size);

    const store = await location.open({ encoder: embedder });
    const ids = [...vectors.keys()];
    const read = await store.paperVectors(ids);
    expect(read.map((vector) => Buffer.from(vector!.buffer).toString("base64"))).toEqual(
      ids.map((id) => vectors.get(id)),
    );
    await store.close();

    // Rebuilt, the stored source holds no vector and no ranked terms; doc values hold the bytes.
    const [first] = await documents();
    for (const field of ["vector", "vector_bytes", "title_terms", "body_terms"]) {
      expect(first!._source).not.toHaveProperty(field);
    }
    expect(first!._source).toHaveProperty("sentence_vectors");
    expect(first!.fields?.vector_bytes?.[0]).toBe(vectors.get(first!._id));
  });
});
