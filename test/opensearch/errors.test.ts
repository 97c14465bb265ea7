import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embed/load-embedder.ts";
import { IndexError } from "../../src/store/index-errors.ts";
import { createClusterClient } from "../../src/store/opensearch/cluster-client.ts";
import { openSearchLocation } from "../../src/store/opensearch/opensearch-location.ts";
import { type PaperchatProcess, spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import {
  clusterTestsSkipped,
  givenOrOwnCluster,
  type OpenSearchCluster,
  OWN_CLUSTERS,
  startCluster,
} from "../support/opensearch-cluster.ts";
import { startSilentServer, startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { BUNDLED_CORPUS, TINY_MODEL, tempDir } from "../support/tiny-index.ts";
import { writeCopiedCorpus } from "./support/cluster-corpus.ts";

/** Another fixture model: an index of the tiny model is "built with another model" for it. */
const OTHER_MODEL = join(TINY_MODEL, "../paperchat-minilm-shape");
/** Papers of the index rebuilt with the other model. */
const FEW_PAPERS = 8;
/** Each run's own index names on a cluster that other tests share. */
const RUN = `errors-${process.pid}`;
/** PAPERCHAT_STORE_TIMEOUT for the commands and the server here (seconds): short, to see it. */
const TIMEOUT_SECONDS = "5";
/** PAPERCHAT_STORE_TIMEOUT against the server that never answers: nothing else is asked of it. */
const SILENT_TIMEOUT_SECONDS = "2";
/** PAPERCHAT_STORE_TIMEOUT for the builds the tests start from (a busy machine is slow). */
const SETUP_TIMEOUT_SECONDS = "30";
const SERVE = ["serve", "--port", "0", "--host", "127.0.0.1"];
/** The commands that meet the cluster first, each failing on its own. */
const COMMANDS: [string, string[]][] = [
  ["index", ["index"]],
  ["search", ["search", "graph networks"]],
  ["serve", SERVE],
];
/** Where the cluster is away rather than refusing, `serve` waits for it instead (tested below). */
const ONE_SHOT_COMMANDS = COMMANDS.filter(([name]) => name !== "serve");

const env = (store: string, prefix = RUN, timeout = TIMEOUT_SECONDS) => ({
  PAPERCHAT_MODEL: TINY_MODEL,
  PAPERCHAT_OFFLINE: "1",
  PAPERCHAT_INDEX_DIR: tempDir("paperchat-index-"),
  PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
  PAPERCHAT_STORE: store,
  PAPERCHAT_STORE_PREFIX: prefix,
  PAPERCHAT_STORE_TIMEOUT: timeout,
});

/** Runs a command to its end; expects it to fail with one `error:` line and no stack trace. */
async function failsWithOneLine(
  args: string[],
  store: string,
  prefix?: string,
  timeout?: string,
): Promise<string> {
  const end = await spawnPaperchat(args, env(store, prefix, timeout)).ended;
  expect(end.code, end.stderr).toBe(1);
  const errors = end.stderr.split("\n").filter((line) => line.startsWith("error: "));
  expect(errors, end.stderr).toHaveLength(1);
  expect(end.stderr, "no stack trace").not.toMatch(/^\s+at /m);
  return errors[0]!;
}

/** A URL where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createTcpServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/**
 * NOT OpenSearch: a stand-in for a cluster with the security plugin (which the clusters built
 * here lack), answering every request as that plugin answers bad credentials.
 */
async function startRefusingSecurityStandIn(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(401, {
      "WWW-Authenticate": 'Basic realm="OpenSearch Security"',
      "content-type": "text/plain; charset=UTF-8",
    });
    response.end("Unauthorized");
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe.skipIf(clusterTestsSkipped("the OpenSearch error tests"))(
  "errors a user can act on, against real clusters",
  () => {
    let knn: OpenSearchCluster;
    let withoutKnn: OpenSearchCluster;
    let unreachable: string;
    let security: { url: string; server: Server };
    let silent: Awaited<ReturnType<typeof startSilentServer>>;

    beforeAll(async () => {
      [knn, withoutKnn] = await Promise.all([
        givenOrOwnCluster({ name: "paperchat-errors", basePort: 9286 }),
        startCluster(OWN_CLUSTERS.withoutKnn),
      ]);
      unreachable = await closedPortUrl();
      security = await startRefusingSecurityStandIn();
      silent = await startSilentServer();
      const built = await spawnPaperchat(["index"], env(knn.url, RUN, SETUP_TIMEOUT_SECONDS)).ended;
      expect(built.code, built.stderr).toBe(0);
    }, 240_000);

    afterAll(async () => {
      security?.server.close();
      await silent?.close();
      await createClusterClient({ url: knn.url }).request("DELETE", `/${RUN}*`, undefined, [404]);
      await Promise.all([knn?.stop(), withoutKnn?.stop()]);
    });

    /** `index`, `search` and `serve` at once against `store`: the line each failed with. */
    const eachCommand = (store: string, commands = COMMANDS, timeout?: string) =>
      Promise.all(commands.map(([, args]) => failsWithOneLine(args, store, RUN, timeout)));

    it("index and search name the URL of a cluster they cannot reach", async () => {
      for (const line of await eachCommand(unreachable, ONE_SHOT_COMMANDS)) {
        expect(line).toContain(
          `Cannot reach the OpenSearch cluster at ${unreachable} (ECONNREFUSED)`,
        );
        expect(line).toMatch(/Start it, or point PAPERCHAT_STORE/);
      }
    });

    it("index, search and serve say the credentials were refused (a security-plugin stand-in), without repeating the password", async () => {
      const store = security.url.replace("http://", "http://paperchat:not-the-password@");
      for (const line of await eachCommand(store)) {
        expect(line).toContain(
          `The OpenSearch cluster at ${security.url} refused the credentials (401`,
        );
        expect(line).toMatch(/Put a user and password it accepts in the store URL/);
        expect(line).not.toContain("not-the-password");
      }
    });

    it("index and search give up on a cluster that never answers after PAPERCHAT_STORE_TIMEOUT, waiting once", async () => {
      const lines = await eachCommand(silent.url, ONE_SHOT_COMMANDS, SILENT_TIMEOUT_SECONDS);
      for (const line of lines) {
        expect(line).toMatch(
          new RegExp(
            `The OpenSearch cluster at ${silent.url} did not answer .* within ${SILENT_TIMEOUT_SECONDS} s`,
          ),
        );
      }
      // One request each: choosing the encoder by the index in force does not wait out the
      // timeout before opening the store waits it out again.
      expect(silent.connections()).toBe(ONE_SHOT_COMMANDS.length);
    });

    it("index, search and serve say a cluster without the k-NN plugin needs it", async () => {
      for (const line of await eachCommand(withoutKnn.url)) {
        expect(line).toContain(`The OpenSearch cluster at ${withoutKnn.url} has no k-NN plugin`);
        expect(line).toMatch(/Install it on every node/);
      }
    });

    it("refuses to open an index of another model, with the command that rebuilds it; a command given that model rebuilds", async () => {
      const other = await loadEmbedder({ model: OTHER_MODEL, offline: true, cacheDir: tempDir() });
      const location = openSearchLocation({ url: knn.url, prefix: RUN });
      const opening = location.open({ encoder: other });
      await expect(opening).rejects.toThrow(IndexError);
      await expect(opening).rejects.toThrow(
        `was built with model "${TINY_MODEL}", but the configured model is "${OTHER_MODEL}"`,
      );
      await expect(opening).rejects.toThrow(
        `--store ${knn.url} --store-prefix ${RUN} --model ${OTHER_MODEL}`,
      );

      // `search` builds what it needs: with another model, the index is rebuilt with it (none
      // of the old model's vectors reused) and answers.
      // A few papers: the other model is MiniLM-sized, and slow.
      const prefix = `${RUN}-other`;
      const few = join(tempDir(), "few.jsonl");
      await writeCopiedCorpus(few, 1);
      writeFileSync(few, readFileSync(few, "utf8").split("\n").slice(0, FEW_PAPERS).join("\n"));
      const withFew = ["--corpus", few];
      const first = await spawnPaperchat(
        ["index", ...withFew],
        env(knn.url, prefix, SETUP_TIMEOUT_SECONDS),
      ).ended;
      expect(first.code, first.stderr).toBe(0);
      const rebuilt = await spawnPaperchat(["search", "graph networks", "--json", ...withFew], {
        ...env(knn.url, prefix, SETUP_TIMEOUT_SECONDS),
        PAPERCHAT_MODEL: OTHER_MODEL,
      }).ended;
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(rebuilt.stderr).toContain("the index was built with model");
      expect(JSON.parse(rebuilt.stdout).results.length).toBeGreaterThan(0);
    });

    it("says the disk is full when the index is read-only, and how to clear it", async () => {
      const prefix = `${RUN}-disk`;
      expect(
        (await spawnPaperchat(["index"], env(knn.url, prefix, SETUP_TIMEOUT_SECONDS)).ended).code,
      ).toBe(0);
      const client = createClusterClient({ url: knn.url });
      await client.request("PUT", `/${prefix}-papers/_settings`, {
        index: { blocks: { read_only_allow_delete: true } },
      });
      const more = join(tempDir(), "more.jsonl");
      await writeCopiedCorpus(more, 1);
      const line = await failsWithOneLine(
        ["index", "--corpus", BUNDLED_CORPUS, "--corpus", more],
        knn.url,
        prefix,
      );
      expect(line).toContain(`The OpenSearch cluster at ${knn.url} made the index read-only`);
      expect(line).toMatch(/Free disk space on the cluster, then clear the block/);
    });

    describe("paperchat serve while its cluster goes away and comes back", () => {
      let proxy: TcpProxy;
      let server: PaperchatProcess;
      let url: string;

      beforeAll(async () => {
        proxy = await startTcpProxy(new URL(knn.url));
        server = spawnPaperchat(SERVE, env(proxy.url));
        url = /at (http:\/\/\S+)/.exec(await server.line(/serving .* at http:\/\/\S+/))![1]!;
      });

      afterAll(async () => {
        server?.child.kill("SIGTERM");
        await server?.ended;
        await proxy?.close();
      });

      const search = async () => {
        const response = await fetch(`${url}/api/search?q=graph%20networks&k=3`, {
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await response.json()) as { error?: { message: string; code: string } };
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body };
      };

      it("answers 503 with Retry-After while the cluster is unreachable or silent, and 200 again by itself", async () => {
        expect((await search()).status).toBe(200);

        await proxy.cut();
        const cut = await search();
        expect(cut.status).toBe(503);
        expect(cut.retryAfter).toMatch(/^\d+$/);
        expect(cut.body.error).toMatchObject({ code: "store_unavailable" });
        expect(cut.body.error!.message).toContain(
          `Cannot reach the OpenSearch cluster at ${proxy.url}`,
        );

        await proxy.restore();
        expect((await search()).status).toBe(200);

        void proxy.holdRequests(/^/, 0);
        const stuck = await search();
        expect(stuck.status).toBe(503);
        expect(stuck.retryAfter).toMatch(/^\d+$/);
        expect(stuck.body.error!.message).toContain(`did not answer`);

        proxy.release();
        expect((await search()).status).toBe(200);
        expect(server.child.exitCode, "the server died").toBeNull();
      });
    });

    describe("paperchat serve started while its cluster is away", () => {
      let proxy: TcpProxy;
      let server: PaperchatProcess;

      afterAll(async () => {
        server?.child.kill("SIGTERM");
        await server?.ended;
        await proxy?.close();
      });

      it("answers 503 with Retry-After from the start, then serves by itself once the cluster answers", async () => {
        proxy = await startTcpProxy(new URL(knn.url));
        await proxy.cut();
        server = spawnPaperchat(SERVE, env(proxy.url));
        const waiting = await server.line(/Answering 503 with Retry-After at http:\/\/\S+/);
        expect(waiting).toContain(`Cannot reach the OpenSearch cluster at ${proxy.url}`);
        const url = /at (http:\/\/\S+) until/.exec(waiting)![1]!;
        const away = await fetch(`${url}/api/search?q=graph%20networks&k=3`);
        expect(away.status).toBe(503);
        expect(away.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(await away.json()).toMatchObject({ error: { code: "store_unavailable" } });

        await proxy.restore();
        await server.line(/serving .* at http:\/\/\S+/);
        const back = await fetch(`${url}/api/search?q=graph%20networks&k=3`);
        expect(back.status).toBe(200);
        expect(((await back.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
        expect(server.child.exitCode, "the server died").toBeNull();
      });
    });
  },
);
