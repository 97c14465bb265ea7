import { loadModelFor } from "../../app/load-model-for.ts";
import { storeLocationFor } from "../../app/store-location-for.ts";
import { embeddingsResponse } from "../../contract/embeddings-response.ts";
import { publicModelName } from "../../contract/model-name.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/** `paperchat embed`: one vector per text (arguments, or stdin lines); `--json` prints what POST /v1/embeddings returns. */
export async function embedCommand(line: CommandLine, io: CliIo): Promise<number> {
  const texts = line.positionals.length
    ? line.positionals
    : (await io.readStdin()).split("\n").filter((text) => text.trim());
  if (texts.length === 0)
    throw new UsageError("embed needs texts as arguments or on standard input.");
  const settings = resolveSettings(io.env, line.overrides);
  // Texts need no store: one that is away leaves the default encoder.
  const embedder = await loadModelFor(settings, storeLocationFor(settings), { opensStore: false });
  const vectors = await embedder.embed(texts);
  if (line.json) {
    const response = embeddingsResponse({
      vectors,
      tokenCounts: embedder.countTokens(texts),
      model: publicModelName(embedder.modelId),
    });
    io.stdout.write(`${JSON.stringify(response)}\n`);
  } else {
    for (const v of vectors) io.stdout.write(`${JSON.stringify(Array.from(v))}\n`);
  }
  return 0;
}
