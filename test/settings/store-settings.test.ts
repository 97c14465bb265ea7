import { describe, expect, it } from "vitest";
import { storeLocationFor } from "../../src/app/store-location-for.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { StoreUnavailableError } from "../../src/store/store-errors.ts";
import { startSilentServer } from "../support/tcp-proxy.ts";

describe("PAPERCHAT_STORE_TIMEOUT", () => {
  it("is seconds, kept as milliseconds; unset leaves the store's default", () => {
    expect(resolveSettings({ PAPERCHAT_STORE_TIMEOUT: "2.5" }).storeTimeoutMs).toBe(2500);
    expect(resolveSettings({}).storeTimeoutMs).toBeUndefined();
  });

  it.each(["0", "-1", "soon"])("refuses %j, saying what it wants", (value) => {
    expect(() => resolveSettings({ PAPERCHAT_STORE_TIMEOUT: value })).toThrow(
      /PAPERCHAT_STORE_TIMEOUT: .* is not a number of seconds/,
    );
  });

  it("bounds each request to the cluster: a store that never answers fails after it, naming the URL", async () => {
    const silent = await startSilentServer();
    try {
      const settings = resolveSettings({
        PAPERCHAT_STORE: silent.url,
        PAPERCHAT_STORE_TIMEOUT: "0.3",
      });
      const opening = storeLocationFor(settings).open({});
      await expect(opening).rejects.toThrow(StoreUnavailableError);
      await expect(opening).rejects.toThrow(
        `The OpenSearch cluster at ${silent.url} did not answer`,
      );
    } finally {
      await silent.close();
    }
  });
});
