import { loadEmbedder } from "../../embed/load-embedder.ts";
import { resolveSettings } from "../../settings/settings.ts";
import type { CliIo } from "../cli-io.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/** `paperchat embed`: one vector per text (arguments, or stdin lines). */
export async function embedCommand(line: CommandLine, io: CliIo): Promise<number> {
  const texts = line.positionals.length
    ? line.positionals
    : (await io.readStdin()).split("\n").filter((text) => text.trim());
  if (texts.length === 0)
    throw new UsageError("embed needs texts as arguments or on standard input.");
  const settings = resolveSettings(io.env, line.overrides);
  const embedder = await loadEmbedder(settings);
  const vectors = await embedder.embed(texts);
  if (line.json) {
    const data = vectors.map((v, index) => ({
      object: "embedding",
      index,
      embedding: Array.from(v),
    }));
    const tokens = embedder.countTokens(texts).reduce((a, b) => a + b, 0);
    const usage = { prompt_tokens: tokens, total_tokens: tokens };
    io.stdout.write(
      `${JSON.stringify({ object: "list", data, model: embedder.modelId, usage })}\n`,
    );
  } else {
    for (const v of vectors) io.stdout.write(`${JSON.stringify(Array.from(v))}\n`);
  }
  return 0;
}
