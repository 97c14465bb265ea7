import { relative } from "node:path";
import { importModel } from "../../model-import/index.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `paperchat model import FROM OUT`: converts a BERT-family sentence-transformers checkpoint on
 * disk into a model folder paperchat loads offline (`--model OUT`).
 */
export async function modelCommand(line: CommandLine, io: CliIo): Promise<number> {
  const [action, from, out, extra] = line.positionals;
  if (action !== "import" || !from || !out || extra !== undefined)
    throw new UsageError("model takes: import <sentence-transformers folder> <output folder>.");
  const imported = importModel({ from, to: out });
  const shown = relative(process.cwd(), out) || out;
  io.stdout.write(
    `Imported ${from} into ${shown}: ${imported.layers} layers, ${imported.hiddenSize} dims, ${imported.pooling} pooling, ${imported.maxTokens}-token window.\n` +
      `Use it with: PAPERCHAT_OFFLINE=1 PAPERCHAT_MODEL=${shown} npx paperchat index\n`,
  );
  return 0;
}
