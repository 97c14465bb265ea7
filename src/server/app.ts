import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import { type CollectionStore, openCollectionStore } from "../collections/collection-store.ts";
import { publicModelName } from "../contract/model-name.ts";
import {
  type BatchingEmbedder,
  type BatchingOptions,
  createBatchingEmbedder,
} from "../embed/batching-embedder.ts";
import type { Embedder } from "../embed/types.ts";
import { createRecommender } from "../recommend/recommender.ts";
import type { SearchEngine } from "../search/search-engine.ts";
import type { LlmSettings } from "../settings/llm-settings.ts";
import { packageVersion, WEB_DIST } from "../settings/repository.ts";
import type { CorsSettings } from "../settings/server-settings.ts";
import type { AppContext, AppEnv, PaperchatApp } from "./app-context.ts";
import {
  bodyTooLarge,
  handleErrors,
  rejectInvalid,
  routeNotFound,
  wrongMethod,
} from "./errors/error-handlers.ts";
import { DEFAULT_LIMITS, type ServerLimits } from "./limits.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import { requireApiKey } from "./middleware/require-api-key.ts";
import { strictUtf8Body } from "./middleware/strict-utf8-body.ts";
import { registerChatRoutes } from "./routes/chat.ts";
import { registerCollectionPaperRoutes } from "./routes/collection-papers.ts";
import { registerCollectionRoutes } from "./routes/collections.ts";
import { registerDocsRoutes } from "./routes/docs.ts";
import { registerEmbeddingRoutes } from "./routes/embeddings.ts";
import { registerExportRoutes } from "./routes/export.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerModelRoutes } from "./routes/models.ts";
import { registerPaperRoutes } from "./routes/papers.ts";
import { registerRecommendRoutes } from "./routes/recommend.ts";
import { registerSearchRoutes } from "./routes/search.ts";
import { registerStarterRoutes } from "./routes/starters.ts";
import { serveWebApp } from "./routes/web.ts";

export interface AppOptions {
  engine: SearchEngine;
  /**
   * The model the index was built with; absent in degraded mode. Wrapped in a batching
   * embedder (see `batching`) unless it already is one.
   */
  embedder?: Embedder | BatchingEmbedder;
  /** When set, `/api/*` (but `/api/health`) and `/v1/*` require `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  cors?: CorsSettings;
  /** An OpenAI-compatible chat model that writes chat answers; extractive answers without it. */
  llm?: LlmSettings;
  limits?: Partial<ServerLimits>;
  /** How concurrent `/v1/embeddings` requests are merged into model calls. */
  batching?: BatchingOptions;
  /** The built web app (default: `web/dist` of this repository). */
  webRoot?: string;
  logger?: Logger;
  /** Why the model is missing and how to provide it, for 503s in degraded mode. */
  degradedReason?: string;
  /**
   * Where collections are kept (see {@link openCollectionStore}; `paperchat serve` opens the file
   * beside the index). Without it they live in memory, for the app's life.
   */
  collections?: CollectionStore;
}

const VERSION = packageVersion();
const API_PATHS = ["/api/*", "/v1/*"] as const;

const DEFAULT_DEGRADED_REASON =
  "The embedding model is not loaded, so embeddings are unavailable and search is lexical-only. Set PAPERCHAT_MODEL to a model folder (or a hub id that can be downloaded) and restart.";

function isBatching(embedder: Embedder | BatchingEmbedder): embedder is BatchingEmbedder {
  return "batching" in embedder;
}

/**
 * Creates paperchat's HTTP app: the JSON API under `/api`, OpenAI-compatible `/v1/embeddings`
 * and `/v1/models`, `/openapi.json` and `/docs` generated from the schemas that validate
 * requests, and the web app at `/`. Every error is JSON in the API's error shape.
 *
 * @example
 * const app = createApp({ engine, embedder, apiKey: "secret" });
 * const res = await app.request("/api/search?q=graph+networks");
 */
export function createApp(options: AppOptions): PaperchatApp {
  const logger = options.logger ?? consoleLogger;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const embedder =
    options.embedder &&
    (isBatching(options.embedder)
      ? options.embedder
      : createBatchingEmbedder(options.embedder, options.batching));
  const context: AppContext = {
    engine: options.engine,
    embedder,
    modelName: publicModelName(
      options.engine.store.info.model ?? options.embedder?.modelId ?? "none",
    ),
    limits,
    llm: options.llm,
    logger,
    degradedReason: options.degradedReason ?? DEFAULT_DEGRADED_REASON,
    collections: options.collections ?? openCollectionStore(":memory:"),
    paperSource: options.engine.store,
    recommender: createRecommender({ store: options.engine.store }),
  };

  const app: PaperchatApp = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
  app.use(requestId());
  app.use(methodNotAllowed({ app, onMethodNotAllowed: wrongMethod }));
  for (const path of API_PATHS) {
    if (options.cors) {
      const { origins } = options.cors;
      app.use(
        path,
        cors({
          origin: origins.includes("*") ? "*" : origins,
          allowHeaders: ["Authorization", "Content-Type"],
          exposeHeaders: ["X-Request-Id"],
          maxAge: 600,
        }),
      );
    }
    if (options.apiKey) app.use(path, requireApiKey(options.apiKey));
    app.use(
      path,
      // Only where a body can be: asking a GET for its body makes the Node adapter build a full
      // fetch Request (stream, abort signal) on every search, for a body that is never there.
      except(
        (c) => c.req.method === "GET" || c.req.method === "HEAD",
        bodyLimit({
          maxSize: limits.maxBodyBytes,
          onError: (c) => {
            // The unread rest of the body makes the connection unusable for another request.
            c.header("Connection", "close");
            throw bodyTooLarge(limits.maxBodyBytes);
          },
        }),
        strictUtf8Body(),
      ),
    );
  }

  registerHealthRoutes(app, context);
  registerSearchRoutes(app, context);
  registerStarterRoutes(app, context);
  registerPaperRoutes(app, context);
  registerChatRoutes(app, context);
  registerCollectionRoutes(app, context);
  registerCollectionPaperRoutes(app, context);
  registerRecommendRoutes(app, context);
  registerExportRoutes(app, context);
  registerEmbeddingRoutes(app, context);
  registerModelRoutes(app, context);
  registerDocsRoutes(app, { version: VERSION, apiKey: options.apiKey !== undefined });
  app.use("*", serveWebApp(options.webRoot ?? WEB_DIST));

  app.notFound(routeNotFound);
  app.onError(handleErrors(logger));
  return app;
}
