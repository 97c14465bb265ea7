import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaperchatUIMessage } from "../../src/contract/chat-message.ts";
import { citedNumbers } from "../../src/contract/citation-grammar.ts";
import { RecommendResponseSchema } from "../../src/contract/collections.ts";
import { EmbeddingsResponseSchema } from "../../src/contract/embeddings.ts";
import { HealthSchema } from "../../src/contract/health.ts";
import { PaperListSchema, PaperSchema, SimilarResponseSchema } from "../../src/contract/papers.ts";
import { SearchResponseSchema } from "../../src/contract/search-response.ts";
import { StartersResponseSchema } from "../../src/contract/starters.ts";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { writeArxivCorpus } from "../support/arxiv-corpus.ts";
import { deleteStorePrefix, freshStorePrefix, openSearchUrl } from "../support/opensearch-url.ts";
import { TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import { askChat, postJson, replyText, userMessage } from "./support/tiny-server.ts";

/** Dev questions (test/fixtures/dev-queries.jsonl) asked of both servers. */
const DEV_QUESTIONS: string[] = readFileSync(
  resolve(import.meta.dirname, "../fixtures/dev-queries.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .slice(0, 6)
  .map((line) => (JSON.parse(line) as { q: string }).q);

/** A `paperchat` pointed at one store: its command-line flags and a server running on it. */
interface Served {
  flags: string[];
  server: PaperchatProcess;
  url: string;
}

/** Runs a `paperchat` command to completion; throws with its stderr when it fails. */
async function paperchat(args: string[], env: Record<string, string>) {
  const end = await spawnPaperchat(args, env).ended;
  if (end.code !== 0)
    throw new Error(`paperchat ${args.join(" ")} exited ${end.code}:\n${end.stderr}`);
  return end;
}

async function getJson(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
}

const cluster = openSearchUrl("the API and CLI tests against the OpenSearch store");

/**
 * `paperchat index`, `search`, `similar` and `serve` with `--store URL`: the same corpus
 * served by the embedded store and by OpenSearch, the same requests to both, the answers in
 * the contract's shapes and the same where the stores hold the same (papers, pages, vectors).
 */
describe.runIf(cluster)(
  "paperchat with --store (OpenSearch) answers as with the embedded store",
  () => {
    const prefix = freshStorePrefix("api");
    let env: Record<string, string>;
    const served: Record<"embedded" | "opensearch", Served> = {} as never;

    beforeAll(async () => {
      const { file } = await writeArxivCorpus(tempDir());
      env = {
        PAPERCHAT_MODEL: TINY_MODEL,
        PAPERCHAT_OFFLINE: "1",
        PAPERCHAT_CORPUS: file,
        PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
      };
      const stores = {
        embedded: ["--index-dir", tempDir("paperchat-index-")],
        // Collections live in a local file whichever store holds the index.
        opensearch: ["--store", cluster!, "--store-prefix", prefix, "--index-dir", tempDir()],
      };
      for (const [name, flags] of Object.entries(stores) as [keyof typeof stores, string[]][]) {
        const built = await paperchat(["index", ...flags, "--json"], env);
        expect(JSON.parse(built.stdout)).toMatchObject({ papers: 70 });
        const server = spawnPaperchat(
          ["serve", ...flags, "--port", "0", "--host", "127.0.0.1"],
          env,
        );
        const serving = await server.line(/serving .* at http:\/\/\S+/);
        served[name] = { flags, server, url: /at (http:\/\/\S+)/.exec(serving)![1]! };
      }
    }, 240_000);

    afterAll(async () => {
      for (const { server } of Object.values(served)) {
        server.child.kill("SIGTERM");
        await server.ended;
      }
      await deleteStorePrefix(cluster!, prefix);
    });

    /** The same GET of both servers: [embedded, opensearch]. */
    const both = async (path: string) =>
      Promise.all([getJson(served.embedded.url + path), getJson(served.opensearch.url + path)]);

    it("index --store again is up to date: nothing re-embedded", async () => {
      const again = await paperchat(["index", ...served.opensearch.flags, "--json"], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ upToDate: true, embedded: 0 });
    });

    it("GET /api/health, /api/papers, /api/papers/{id} and /api/starters: the same answers", async () => {
      const [healthA, healthB] = await both("/api/health");
      expect(HealthSchema.parse(healthB.body)).toEqual(HealthSchema.parse(healthA.body));
      expect(healthB.body).toMatchObject({ papers: 70, semantic: true });
      for (const page of ["?offset=0&limit=20", "?offset=60&limit=20"]) {
        const [a, b] = await both(`/api/papers${page}`);
        expect(b).toEqual(a);
        PaperListSchema.parse(b.body);
      }
      const { papers } = PaperListSchema.parse((await both("/api/papers?limit=5"))[1].body);
      for (const { id } of papers) {
        const [a, b] = await both(`/api/papers/${encodeURIComponent(id)}`);
        expect(b).toEqual(a);
        expect(PaperSchema.parse(b.body)).toMatchObject({ id, year: expect.any(Number) });
      }
      expect((await both("/api/papers/no-such-paper"))[1].status).toBe(404);
      const [startersA, startersB] = await both("/api/starters");
      expect(StartersResponseSchema.parse(startersB.body).facets).toEqual(
        StartersResponseSchema.parse(startersA.body).facets,
      );
    });

    it("GET /api/papers/{id}/similar: the same neighbours, filters kept, never the paper itself", async () => {
      const { papers } = PaperListSchema.parse((await both("/api/papers?limit=3"))[1].body);
      for (const { id } of papers) {
        for (const query of ["k=6", "k=5&year_from=2017&year_to=2019", "k=5&category=cs.IR"]) {
          const [a, b] = await both(`/api/papers/${encodeURIComponent(id)}/similar?${query}`);
          const [similarA, similarB] = [
            SimilarResponseSchema.parse(a.body),
            SimilarResponseSchema.parse(b.body),
          ];
          expect(
            similarB.results.map((r) => r.id),
            query,
          ).toEqual(similarA.results.map((r) => r.id));
          expect(similarB.results.map((r) => r.id)).not.toContain(id);
          for (const result of similarB.results) {
            if (query.includes("year")) expect(result.year).toBeGreaterThanOrEqual(2017);
            if (query.includes("category")) expect(result.categories).toContain("cs.IR");
          }
        }
      }
    });

    it("GET and POST /api/search: the dev questions find the same best paper, with verbatim snippets, filters kept", async () => {
      for (const q of DEV_QUESTIONS) {
        const [a, b] = await both(`/api/search?${new URLSearchParams({ q, k: "5" })}`);
        const [searchA, searchB] = [
          SearchResponseSchema.parse(a.body),
          SearchResponseSchema.parse(b.body),
        ];
        expect(searchB.results).toHaveLength(5);
        expect(searchB.results[0]!.id, q).toBe(searchA.results[0]!.id);
        const { abstract } = PaperSchema.parse(
          (
            await getJson(
              `${served.opensearch.url}/api/papers/${encodeURIComponent(searchB.results[0]!.id)}`,
            )
          ).body,
        );
        for (const snippet of searchB.results[0]!.snippets) {
          expect(abstract.slice(snippet.start, snippet.end)).toBe(snippet.text);
        }
      }
      const filtered = await postJson<unknown>(`${served.opensearch.url}/api/search`, {
        query: DEV_QUESTIONS[0],
        k: 20,
        year_from: 2018,
        year_to: 2020,
        category: ["cs.CV", "cs.CL"],
      });
      const { results } = SearchResponseSchema.parse(filtered.body);
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(result.year).toBeGreaterThanOrEqual(2018);
        expect(result.year).toBeLessThanOrEqual(2020);
        expect(result.categories!.some((c) => c === "cs.CV" || c === "cs.CL")).toBe(true);
      }
    });

    it("POST /api/chat: an extractive answer citing the same sources", async () => {
      const sources = (reply: PaperchatUIMessage) =>
        reply.parts.flatMap((part) => (part.type === "source-document" ? [part.sourceId] : []));
      const question = [userMessage(DEV_QUESTIONS[1]!)];
      const [a, b] = [
        await askChat(served.embedded.url, question),
        await askChat(served.opensearch.url, question),
      ];
      expect(sources(b).length).toBeGreaterThan(0);
      expect(sources(b)[0]).toBe(sources(a)[0]);
      const cited = citedNumbers(replyText(b));
      expect(cited.length).toBeGreaterThan(0);
      for (const n of cited) expect(n).toBeLessThanOrEqual(sources(b).length);
    });

    it("POST /v1/embeddings: the same vectors", async () => {
      const input = { input: ["graph networks", "object detection"] };
      const [a, b] = await Promise.all(
        [served.embedded, served.opensearch].map(({ url }) =>
          postJson<unknown>(`${url}/v1/embeddings`, input),
        ),
      );
      expect(EmbeddingsResponseSchema.parse(b!.body)).toEqual(
        EmbeddingsResponseSchema.parse(a!.body),
      );
    });

    it("collections: recommendations by nearness are the same, by classifier in shape, never the collection's own", async () => {
      const { papers } = PaperListSchema.parse(
        (await both("/api/papers?offset=10&limit=4"))[1].body,
      );
      const ids = papers.map((paper) => paper.id);
      const recommend = async (name: string, members: string[]) => {
        const answers = [];
        for (const { url } of [served.embedded, served.opensearch]) {
          expect((await postJson(`${url}/api/collections`, { name })).status).toBe(201);
          expect(
            (await postJson(`${url}/api/collections/${name}/papers`, { ids: members })).status,
          ).toBe(200);
          const { status, body } = await getJson(`${url}/api/collections/${name}/recommend?k=6`);
          expect(status).toBe(200);
          const response = RecommendResponseSchema.parse(body);
          for (const result of response.results) expect(members).not.toContain(result.id);
          answers.push(response);
        }
        return answers;
      };
      const [nearA, nearB] = await recommend("Two", ids.slice(0, 2));
      expect(nearB!.ranking).toBe("nearness");
      expect(nearB!.results.map((r) => r.id)).toEqual(nearA!.results.map((r) => r.id));
      const [, classifier] = await recommend("Four", ids);
      expect(classifier!.ranking).toBe("classifier");
      expect(classifier!.results).toHaveLength(6);
    });

    it("paperchat search and similar --store print what the embedded store prints", async () => {
      const run = async (args: string[]) =>
        Promise.all(
          [served.embedded, served.opensearch].map(async ({ flags }) =>
            JSON.parse((await paperchat([...args, ...flags, "--json"], env)).stdout),
          ),
        );
      const [searchA, searchB] = await run([
        "search",
        DEV_QUESTIONS[2]!,
        "--k",
        "3",
        "--year",
        "2015-2022",
      ]);
      expect(SearchResponseSchema.parse(searchB).results[0]!.id).toBe(searchA.results[0].id);
      const id = searchA.results[0].id as string;
      const [similarA, similarB] = await run(["similar", id, "--k", "4"]);
      expect(SimilarResponseSchema.parse(similarB)).toMatchObject({ paper: { id } });
      expect(similarB.results.map((r: { id: string }) => r.id)).toEqual(
        similarA.results.map((r: { id: string }) => r.id),
      );
    });
  },
);
