/**
 * paperchat's build or server with synthetic vectors, in a folder or an OpenSearch cluster.
 *
 *   node --import tsx scripts/bench/synthetic-store-process.ts build CORPUS WHERE
 *   node --import tsx scripts/bench/synthetic-store-process.ts serve WHERE --port PORT
 */
import { createProgressBar } from "../../src/cli/progress-bar.ts";
import { buildIndex } from "../../src/indexing/build-index.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { serveEngine } from "../../src/server/serve.ts";
import { benchStoreLocation } from "./bench-store-location.ts";
import { createSyntheticEmbedder } from "./synthetic-vectors.ts";

const [mode, where, other, port] = process.argv.slice(2);
const embedder = createSyntheticEmbedder();
if (mode === "build" && where && other) {
  const result = await buildIndex({
    corpusFiles: [where],
    store: benchStoreLocation(other),
    embedder,
    onProgress: createProgressBar(process.stderr),
  });
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ papers: result.papers, peakRssMb })}\n`);
} else if (mode === "serve" && where && other === "--port" && port) {
  const store = await benchStoreLocation(where).open({ encoder: embedder });
  const engine = createSearchEngine({ store, embedder });
  const server = await serveEngine({ engine, embedder, port: Number(port), host: "127.0.0.1" });
  process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
} else {
  throw new Error("usage: synthetic-store-process.ts build CORPUS WHERE | serve WHERE --port PORT");
}
