import { startServer } from "../../server/serve.ts";
import { resolveServerSettings } from "../../settings/server-settings.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import { ensureWebBuild } from "../ensure-web-build.ts";
import { openCollections } from "../open-collections.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { createProgressBar } from "../progress-bar.ts";

/**
 * `paperchat serve` / `paperchat start` (`npm start`): serves until SIGINT/SIGTERM, then lets
 * in-flight requests finish before exiting. The index is built first when there is none, and
 * rebuilt only when its own corpus changed, another one is named or another model or encoder is
 * asked for (see `planBuild`).
 * Collections come from their own file (see `collectionsFile`), which no build touches.
 */
export async function serveCommand(line: CommandLine, io: CliIo): Promise<number> {
  const settings = resolveSettings(io.env, line.overrides);
  const serverSettings = resolveServerSettings(io.env, { port: line.port, host: line.host });
  await ensureWebBuild((text) => io.stderr.write(text));
  const collections = openCollections(line, io);
  try {
    const server = await startServer({
      settings,
      ...serverSettings,
      build: true,
      onProgress: createProgressBar(io.stderr),
      collections,
    });
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    io.stderr.write(`${signal}: finishing in-flight requests…\n`);
    await server.close();
  } finally {
    collections.close();
  }
  return 0;
}
