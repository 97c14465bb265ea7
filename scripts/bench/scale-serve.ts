/**
 * Child process of the scale benchmark: paperchat's real server (store, search engine, Hono app)
 * on an index built by `scale-build.ts`, embedding questions with the same synthetic vector
 * source. Serves until SIGTERM.
 *
 *   node --import tsx scripts/bench/scale-serve.ts INDEX_DIR PORT
 */
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { serveEngine } from "../../src/server/serve.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { createSyntheticEmbedder } from "./synthetic-embedder.ts";

const [indexDir, port] = process.argv.slice(2);
if (!indexDir || !port) throw new Error("usage: scale-serve.ts INDEX_DIR PORT");
const embedder = createSyntheticEmbedder();
const store = await openEmbeddedStore(indexDir, { encoder: embedder });
const server = await serveEngine({
  engine: createSearchEngine({ store, embedder }),
  embedder,
  port: Number(port),
  host: "127.0.0.1",
});
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
