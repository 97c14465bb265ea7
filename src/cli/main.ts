import { PaperchatError } from "../errors/paperchat-error.ts";
import { packageVersion } from "../settings/repository.ts";
import { debugFromEnv } from "../settings/settings.ts";
import { type CliIo, processIo } from "./cli-io.ts";
import { exitStatus } from "./exit-status.ts";
import { COMMAND_HELP, GENERAL_HELP } from "./help.ts";
import { type CommandLine, parseCommandLine } from "./parse-command-line.ts";
import { UsageError } from "./usage-error.ts";

type Command = (line: CommandLine, io: CliIo) => Promise<number>;

/** Commands load on demand, so `--help` or `similar` never pay for the model or the server. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  index: async () => (await import("./commands/index-command.ts")).indexCommand,
  search: async () => (await import("./commands/search-command.ts")).searchCommand,
  similar: async () => (await import("./commands/similar-command.ts")).similarCommand,
  embed: async () => (await import("./commands/embed-command.ts")).embedCommand,
  collection: async () => (await import("./commands/collection-command.ts")).collectionCommand,
  export: async () => (await import("./commands/export-command.ts")).exportCommand,
  model: async () => (await import("./commands/model-command.ts")).modelCommand,
  serve: async () => (await import("./commands/serve-command.ts")).serveCommand,
  start: async () => (await import("./commands/serve-command.ts")).serveCommand,
};

/**
 * Runs the `paperchat` command line; resolves to the exit code (0 ok, 1 failure, 2 usage).
 *
 * @example
 * process.exitCode = await main(["search", "graph networks", "--json"]);
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let line: CommandLine | undefined;
  try {
    line = parseCommandLine(argv);
    if (line.version) {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (line.help || !line.command) {
      io.stdout.write(`${line.command ? COMMAND_HELP[line.command] : GENERAL_HELP}\n`);
      return line.help ? 0 : 2;
    }
    const command = await COMMANDS[line.command]!();
    return await command(line, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      // A line that did not parse still names its command, most often first.
      const named = line?.command ?? argv.find((arg) => !arg.startsWith("-"));
      const more =
        named && named in COMMAND_HELP ? `paperchat ${named} --help` : "paperchat --help";
      io.stderr.write(`error: ${message}\nRun \`${more}\` for usage.\n`);
    } else {
      io.stderr.write(`error: ${message}\n`);
      // paperchat's own errors already say what to do; only unexpected ones have a stack to show.
      const explained = error instanceof PaperchatError;
      if (!explained && debugFromEnv(io.env)) io.stderr.write(`${(error as Error).stack}\n`);
    }
    return exitStatus(error);
  }
}
