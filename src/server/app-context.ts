import type { OpenAPIHono } from "@hono/zod-openapi";
import type { RequestIdVariables } from "hono/request-id";
import type { CollectionStore } from "../collections/collection-store.ts";
import type { PaperSource } from "../collections/paper-source.ts";
import type { BatchingEmbedder } from "../embed/batching-embedder.ts";
import type { Recommender } from "../recommend/recommender.ts";
import type { SearchEngine } from "../search/search-engine.ts";
import type { LlmSettings } from "../settings/llm-settings.ts";
import type { ServerLimits } from "./limits.ts";
import type { Logger } from "./logger.ts";

/** Hono's environment for paperchat: every request carries its id. */
export type AppEnv = { Variables: RequestIdVariables };

export type PaperchatApp = OpenAPIHono<AppEnv>;

/** What route handlers work with. */
export interface AppContext {
  engine: SearchEngine;
  /** Absent in degraded mode (the model could not be loaded). */
  embedder?: BatchingEmbedder;
  /** The model as clients see it (see {@link publicModelName}). */
  modelName: string;
  limits: ServerLimits;
  llm?: LlmSettings;
  logger: Logger;
  /** Why embeddings are unavailable and how to fix it (degraded mode). */
  degradedReason: string;
  /** Named collections of paper ids, kept apart from the index. */
  collections: CollectionStore;
  /** Papers by id, with their metadata (collections and exports). */
  paperSource: PaperSource;
  /** Papers like a collection's. */
  recommender: Recommender;
}
