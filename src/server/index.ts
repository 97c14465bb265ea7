export { type AppOptions, type CorsSettings, createApp } from "./app.ts";
export type { AppContext, AppEnv, PaperchatApp } from "./app-context.ts";
export { ApiError, type ApiErrorBody, type ApiErrorType } from "./errors/api-error.ts";
export { DEFAULT_LIMITS, type ServerLimits } from "./limits.ts";
export { consoleLogger, type Logger } from "./logger.ts";
export { publicModelName } from "./model-name.ts";
export {
  type RunningServer,
  type ServeEngineOptions,
  type StartServerOptions,
  serveEngine,
  startServer,
} from "./serve.ts";
export { appOptionsFromEnv, type EnvAppOptions } from "./server-env.ts";
