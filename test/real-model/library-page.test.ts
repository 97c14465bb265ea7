import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSearchEngine } from "../../src/app/open-search-engine.ts";
import { type RunningServer, serveEngine } from "../../src/server/serve.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { launchChromium } from "../e2e/support/chromium.ts";
import { openPageSession } from "../e2e/support/page-session.ts";
import { buildWebApp } from "../e2e/support/web-build.ts";
import { tempDir } from "../support/tiny-index.ts";
import { buildRealIndex, hasRealModel } from "./support/real-model.ts";

/** Screenshots land here (git-ignored); docs/library.png is a copy of this test's. */
const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/e2e");
const COLLECTION = "Graph recommenders";
/** Graph convolution for recommendation (test/fixtures/topical-groups.json, first group). */
const SAVED = [
  "lightgcn-simplifying-and-powering-graph-9e6c4d",
  "ultragcn-ultra-simplification-of-graph-d4f3cb",
];

describe.runIf(hasRealModel("the real-model Library test"))(
  "the Library in Chromium with the real all-MiniLM-L6-v2",
  () => {
    let browser: Browser;
    let server: RunningServer;
    const scratch: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      mkdirSync(ARTIFACTS, { recursive: true });
      const [env, webRoot] = await Promise.all([
        buildRealIndex(),
        buildWebApp(tempDir("paperchat-web-")),
      ]);
      scratch.push(env.PAPERCHAT_INDEX_DIR!, webRoot);
      const { engine, embedder } = await openSearchEngine({ settings: resolveSettings(env) });
      server = await serveEngine({ engine, embedder, webRoot, port: 0, host: "127.0.0.1" });
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      await post("/api/collections", { name: COLLECTION });
      await post(`/api/collections/${encodeURIComponent(COLLECTION)}/papers`, { ids: SAVED });
    }, 600_000);

    afterAll(async () => {
      await Promise.all([browser?.close(), server?.close()]);
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    });

    it("recommends the third graph recommender among the first three, saying which saved papers each is near", async () => {
      const session = await openPageSession(browser, {
        baseURL: server.url,
        viewport: { width: 1280, height: 1000 },
      });
      try {
        const { page } = session;
        await page.goto("/");
        await page.getByRole("button", { name: "Library" }).click();
        const recommended = page.getByRole("list", { name: `Recommended for ${COLLECTION}` });
        await recommended.locator("li.source-card").first().waitFor();
        const titles = await recommended.locator(".source-title").allTextContents();
        expect(titles.slice(0, 3)).toContain(
          "Sheaf Neural Networks for Graph-based Recommender Systems",
        );
        for (const why of await recommended.locator(".why").allTextContents()) {
          expect(why).toMatch(/^Why: near (LightGCN|UltraGCN)/);
        }
        const first = recommended.locator("li.source-card").first();
        expect(await first.locator(".snippet-text").count()).toBeGreaterThan(0);
        await page.screenshot({ path: resolve(ARTIFACTS, "real-model-library.png") });
        expect(session.foreignRequests()).toEqual([]);
      } finally {
        await session.close();
      }
    });
  },
);
