import { readFileSync } from "node:fs";
import { CorpusError } from "../corpus/corpus-error.ts";
import { ModelUnavailableError } from "../embed/model-unavailable-error.ts";
import { ModelImportError } from "../model-import/model-import-error.ts";
import { IndexError } from "../store/index-errors.ts";
import { type CliIo, processIo } from "./cli-io.ts";
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
  model: async () => (await import("./commands/model-command.ts")).modelCommand,
  serve: async () => (await import("./commands/serve-command.ts")).serveCommand,
  start: async () => (await import("./commands/serve-command.ts")).serveCommand,
};

/** Errors whose message already tells the person what to do: printed without a stack. */
const EXPLAINED = [ModelUnavailableError, IndexError, CorpusError, ModelImportError];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

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
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (line.help || !line.command) {
      io.stdout.write(`${line.command ? COMMAND_HELP[line.command] : GENERAL_HELP}\n`);
      return line.help ? 0 : 2;
    }
    const command = await COMMANDS[line.command]!();
    return await command(line, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const more = line?.command ? `paperchat ${line.command} --help` : "paperchat --help";
      io.stderr.write(`error: ${error.message}\nRun \`${more}\` for usage.\n`);
      return 2;
    }
    const explained = EXPLAINED.some((type) => error instanceof type);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: ${message}\n`);
    if (!explained && io.env.PAPERCHAT_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
