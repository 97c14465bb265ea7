import { relative } from "node:path";
import { importModel } from "../../model-import/index.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `paperchat model import FROM OUT [--quantize int8]`: converts a BERT-family
 * sentence-transformers checkpoint on disk into a model folder paperchat loads offline
 * (`--model OUT`); with `--quantize int8` also its int8 encoder (`--dtype q8`).
 */
export async function modelCommand(line: CommandLine, io: CliIo): Promise<number> {
  const [action, from, out, extra] = line.positionals;
  if (action !== "import" || !from || !out || extra !== undefined)
    throw new UsageError(
      "model takes: import <sentence-transformers folder> <output folder> [--quantize int8].",
    );
  const imported = await importModel({ from, to: out, quantize: line.quantize });
  const shown = relative(process.cwd(), out) || out;
  const int8 = imported.int8
    ? `, and its int8 encoder (calibrated on ${imported.int8.calibrationTexts} texts)`
    : "";
  const dtype = imported.int8 ? " PAPERCHAT_DTYPE=q8" : "";
  io.stdout.write(
    `Imported ${from} into ${shown}: ${imported.layers} layers, ${imported.hiddenSize} dims, ${imported.pooling} pooling, ${imported.maxTokens}-token window${int8}.\n` +
      `Use it with: PAPERCHAT_OFFLINE=1 PAPERCHAT_MODEL=${shown}${dtype} npx paperchat index\n`,
  );
  return 0;
}
