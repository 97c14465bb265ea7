import { describe, expect, it } from "vitest";
import { loadModelFor } from "../../src/app/load-model-for.ts";
import { openSearchEngine } from "../../src/app/open-search-engine.ts";
import { storeLocationFor } from "../../src/app/store-location-for.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { StoreUnavailableError } from "../../src/store/store-errors.ts";
import { startSilentServer } from "../support/tcp-proxy.ts";
import { TINY_MODEL, tempDir } from "../support/tiny-index.ts";

/** Settings with a store that never answers, and a short timeout to see it. */
const settingsFor = (store: string) =>
  resolveSettings({
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_CACHE_DIR: tempDir("paperchat-cache-"),
    PAPERCHAT_STORE: store,
    PAPERCHAT_STORE_TIMEOUT: "0.3",
  });

describe("a store that never answers", () => {
  it("fails the opener after one wait: the encoder's choice does not wait it out first", async () => {
    const silent = await startSilentServer();
    try {
      const opening = openSearchEngine({ settings: settingsFor(silent.url), build: true });
      await expect(opening).rejects.toThrow(StoreUnavailableError);
      expect(silent.connections()).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("leaves a command that needs no store (embed) the default encoder", async () => {
    const silent = await startSilentServer();
    try {
      const settings = settingsFor(silent.url);
      const location = storeLocationFor(settings);
      await expect(loadModelFor(settings, location)).rejects.toThrow(StoreUnavailableError);
      const embedder = await loadModelFor(settings, location, { opensStore: false });
      expect((await embedder.embed(["graph networks"]))[0]).toHaveLength(embedder.dims);
    } finally {
      await silent.close();
    }
  });
});
