import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { openCollectionStore } from "../../src/collections/collection-store.ts";
import { collectionsFile } from "../../src/collections/collections-file.ts";
import type { Collection } from "../../src/contract/collections.ts";
import { readCorpus } from "../../src/corpus/index.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { createApp } from "../../src/server/app.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { BUNDLED_CORPUS, TINY_MODEL, tempDir } from "../support/tiny-index.ts";

const ARXIV_SAMPLE = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");

/** Runs `paperchat` in-process, output discarded but for failures. */
async function paperchat(argv: string[], env: Record<string, string>): Promise<void> {
  let stderr = "";
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => "",
    env,
  };
  const code = await main(argv, io);
  expect(code, stderr).toBe(0);
}

/** The collection as the API shows it over the index now in `indexDir`. */
async function shown(indexDir: string, name: string): Promise<Collection> {
  const store = await openEmbeddedStore(indexDir);
  const collections = openCollectionStore(collectionsFile({}, indexDir));
  try {
    const app = createApp({ engine: createSearchEngine({ store }), collections });
    const response = await app.request(`/api/collections/${encodeURIComponent(name)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Collection;
  } finally {
    collections.close();
    store.close();
  }
}

describe("collections kept beside the index", () => {
  it("outlive `index --force` and a change of corpus, listing papers that left as missing", async () => {
    const indexDir = tempDir();
    const env = {
      PAPERCHAT_MODEL: TINY_MODEL,
      PAPERCHAT_OFFLINE: "1",
      PAPERCHAT_INDEX_DIR: indexDir,
    };
    await paperchat(["index", "--corpus", BUNDLED_CORPUS], env);
    const [first, second] = (await readCorpus([BUNDLED_CORPUS])).papers;
    await paperchat(["collection", "create", "Kept"], env);
    await paperchat(["collection", "add", "Kept", first!.id, second!.id], env);
    const before = await shown(indexDir, "Kept");
    expect(before.papers.map((paper) => paper.id)).toEqual([first!.id, second!.id]);

    await paperchat(["index", "--force", "--corpus", BUNDLED_CORPUS], env);
    expect(await shown(indexDir, "Kept")).toEqual(before);

    // Another corpus: the bundled papers leave the index, the collection keeps them, missing.
    const other = join(tempDir(), "other.jsonl");
    writeFileSync(other, `${JSON.stringify({ title: first!.title, abstract: first!.abstract })}\n`);
    await paperchat(["index", "--corpus", other, "--corpus", ARXIV_SAMPLE], env);
    expect(await shown(indexDir, "Kept")).toEqual({
      name: "Kept",
      papers: [
        { id: first!.id, title: first!.title },
        { id: second!.id, title: second!.title, missing: true },
      ],
    });
  });
});
