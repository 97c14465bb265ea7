import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../src/corpus/index.ts";
import { partOfPaper } from "../../src/indexing/corpus-part.ts";
import { createClusterClient } from "../../src/store/opensearch/cluster-client.ts";
import type { PaperDocument } from "../../src/store/opensearch/paper-documents.ts";
import { spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import {
  clusterTestsSkipped,
  givenOrOwnCluster,
  type OpenSearchCluster,
} from "../support/opensearch-cluster.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import { writeCopiedCorpus } from "./support/cluster-corpus.ts";

/** 1,120 papers: each of the two parts holds more than one `_bulk` of 500, so a kill can fall between. */
const COPIES = 16;
/** Each run's own index names on a cluster that other tests share. */
const RUN = `parts-${process.pid}`;

let cluster: OpenSearchCluster;
let corpus: string;
let partSizes: number[];
let papers: { id: string }[];

function paperchatIndex(url: string, prefix: string, args: string[]) {
  return spawnPaperchat(["index", "--corpus", corpus, ...args], {
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: tempDir("paperchat-index-"),
    PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
    PAPERCHAT_STORE: url,
    PAPERCHAT_STORE_PREFIX: prefix,
  });
}

/** Every document behind an alias or index, by paper id. */
async function documents(index: string): Promise<Map<string, PaperDocument>> {
  const client = createClusterClient({ url: cluster.url });
  await client.request("POST", `/${index}/_refresh`);
  const { body } = await client.request<{ hits: { hits: { _source: PaperDocument }[] } }>(
    "POST",
    `/${index}/_search`,
    { size: 10_000, query: { match_all: {} }, sort: [{ id: "asc" }] },
  );
  return new Map(body.hits.hits.map(({ _source }) => [_source.id, _source]));
}

/** Waits until the cluster runs no `_bulk` write (one whose sender is gone still runs to its end). */
async function bulkWritesFinished(client: ReturnType<typeof createClusterClient>): Promise<void> {
  for (;;) {
    const { body } = await client.request<{ nodes: Record<string, { tasks: object }> }>(
      "GET",
      "/_tasks?actions=indices:data/write/bulk*",
    );
    if (Object.values(body.nodes).every(({ tasks }) => Object.keys(tasks).length === 0)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe.skipIf(clusterTestsSkipped("the --part workers test"))(
  "two `paperchat index --part` workers, one killed mid-way, against a real cluster",
  () => {
    let proxy: TcpProxy;

    beforeAll(async () => {
      cluster = await givenOrOwnCluster({ name: "paperchat-parts", basePort: 9285 });
      proxy = await startTcpProxy(new URL(cluster.url));
      corpus = join(tempDir(), "corpus.jsonl");
      await writeCopiedCorpus(corpus, COPIES);
      papers = (await readCorpus([corpus])).papers;
      partSizes = [1, 2].map((part) => papers.filter((p) => partOfPaper(p.id, 2) === part).length);
    }, 180_000);

    afterAll(async () => {
      await proxy?.close();
      // A shared cluster keeps no trace of this run.
      await createClusterClient({ url: cluster.url }).request(
        "DELETE",
        `/${RUN}-*`,
        undefined,
        [404],
      );
      await cluster?.stop();
    });

    it("refuses to publish while a part is missing, reruns only what the killed worker had not written, and publishes the index one worker would build", async () => {
      const prefix = `${RUN}-workers`;
      const client = createClusterClient({ url: cluster.url });
      expect(Math.min(...partSizes)).toBeGreaterThan(500);

      // Worker 1 goes through the proxy, which lets its first _bulk through and holds the next:
      // it is killed with some of its papers written and the others not.
      const held = proxy.holdRequests(/^POST \/_bulk/, 1);
      const one = paperchatIndex(proxy.url, prefix, ["--part", "1/2", "--json"]);
      const two = paperchatIndex(cluster.url, prefix, ["--part", "2/2", "--json"]);
      await Promise.race([
        held,
        one.ended.then((end) => {
          throw new Error(`worker 1 ended before its second _bulk: ${end.stderr}`);
        }),
      ]);
      one.child.kill("SIGKILL");
      expect((await one.ended).signal).toBe("SIGKILL");
      const finished = await two.ended;
      expect(finished.code, finished.stderr).toBe(0);
      expect(JSON.parse(finished.stdout)).toMatchObject({
        part: "2/2",
        papers: partSizes[1],
        embedded: partSizes[1],
        reused: 0,
      });

      // The cluster goes on writing the _bulk worker 1 sent just before it was killed: count once
      // that write has finished, as the rerun will see it.
      await bulkWritesFinished(client);
      const { body: indexes } = await client.request<Record<string, unknown>>(
        "GET",
        `/${prefix}-papers-*`,
      );
      const [build] = Object.keys(indexes);
      expect(Object.keys(indexes)).toHaveLength(1);
      // Counted by realtime gets, which do not refresh the index: the rerun must see them itself.
      const partOne = papers.filter((paper) => partOfPaper(paper.id, 2) === 1).map((p) => p.id);
      const { body: got } = await client.request<{ docs: { found: boolean }[] }>(
        "POST",
        `/${build}/_mget?_source=false`,
        { ids: partOne },
      );
      const writtenByOne = got.docs.filter((doc) => doc.found).length;
      expect(writtenByOne).toBeGreaterThan(0);
      expect(writtenByOne).toBeLessThan(partSizes[0]!);

      const early = await paperchatIndex(cluster.url, prefix, ["--publish"]).ended;
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/^error: .*part 1\/2 is not in yet.*--part 1\/2/);
      expect(early.stderr.trim().split("\n")).toHaveLength(1);
      const alias = await client.request("GET", `/${prefix}-papers/_alias`, undefined, [404]);
      expect(alias.status, "nothing is in force before publishing").toBe(404);

      const rerun = await paperchatIndex(cluster.url, prefix, ["--part", "1/2", "--json"]).ended;
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout)).toMatchObject({
        part: "1/2",
        papers: partSizes[0],
        reused: writtenByOne,
        embedded: partSizes[0]! - writtenByOne,
      });

      const published = await paperchatIndex(cluster.url, prefix, ["--publish", "--json"]).ended;
      expect(published.code, published.stderr).toBe(0);
      expect(JSON.parse(published.stdout)).toMatchObject({
        published: true,
        papers: partSizes[0]! + partSizes[1]!,
      });

      const single = await paperchatIndex(cluster.url, `${RUN}-single`, ["--json"]).ended;
      expect(single.code, single.stderr).toBe(0);
      const [parted, whole] = [
        await documents(`${prefix}-papers`),
        await documents(`${RUN}-single-papers`),
      ];
      expect([...parted.keys()]).toEqual([...whole.keys()]);
      for (const [id, doc] of parted) {
        const { vector, part, ...rest } = doc;
        const { vector: wholeVector, part: wholePart, ...wholeRest } = whole.get(id)!;
        expect(rest).toEqual(wholeRest);
        expect(part).toBe(partOfPaper(id, 2));
        expect(wholePart).toBe(1);
        expect(vector).toHaveLength(wholeVector!.length);
        const furthest = Math.max(...vector!.map((value, i) => Math.abs(value - wholeVector![i]!)));
        expect(furthest, `vector of ${id}`).toBeLessThan(1e-5);
      }
    }, 300_000);

    it("a whole build that finishes while a --part build is under way leaves that build's index to its workers", async () => {
      const prefix = `${RUN}-overlap`;
      const few = join(tempDir(), "few.jsonl");
      await writeCopiedCorpus(few, 2);
      const count = (await readCorpus([few])).papers.length;
      const run = async (args: string[]) => {
        const end = await spawnPaperchat(["index", "--corpus", few, "--json", ...args], {
          PAPERCHAT_MODEL: TINY_MODEL,
          PAPERCHAT_OFFLINE: "1",
          PAPERCHAT_INDEX_DIR: tempDir("paperchat-index-"),
          PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
          PAPERCHAT_STORE: cluster.url,
          PAPERCHAT_STORE_PREFIX: prefix,
        }).ended;
        expect(end.code, end.stderr).toBe(0);
        return JSON.parse(end.stdout) as { papers: number };
      };

      await run(["--part", "1/2"]);
      expect(await run([])).toMatchObject({ papers: count });
      await run(["--part", "2/2"]);
      expect(await run(["--publish"])).toMatchObject({ published: true, papers: count });
      const published = await documents(`${prefix}-papers`);
      expect(published.size).toBe(count);
      expect(new Set([...published.values()].map(({ part }) => part))).toEqual(new Set([1, 2]));
    }, 180_000);
  },
);
