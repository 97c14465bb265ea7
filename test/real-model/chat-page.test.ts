import { rmSync } from "node:fs";
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

/** A dev-set question the real model answers with its paper first. */
const QUESTION = "sparse concept layers on top of CLIP trained with a Gumbel-Softmax objective";
const TITLE = "Sparse Concept Bottleneck Models: Gumbel Tricks in Contrastive Learning";
/** The sentence of that abstract that answers it. */
const ANSWER_SENTENCE = "we outline three methods for training them";

describe.runIf(hasRealModel("the real-model browser test"))(
  "the chat page in Chromium with the real all-MiniLM-L6-v2",
  () => {
    let browser: Browser;
    let server: RunningServer;
    const scratch: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      const [env, webRoot] = await Promise.all([
        // Sentences embedded on their own: the index that quotes the answering sentence first
        // (the default pooled sentence vectors pick it less often; see search-quality.test.ts).
        buildRealIndex(["--sentence-vectors", "separate"]),
        buildWebApp(tempDir("paperchat-web-")),
      ]);
      scratch.push(env.PAPERCHAT_INDEX_DIR!, webRoot);
      const { engine, embedder } = await openSearchEngine({ settings: resolveSettings(env) });
      server = await serveEngine({ engine, embedder, webRoot, port: 0, host: "127.0.0.1" });
    }, 600_000);

    afterAll(async () => {
      await Promise.all([browser?.close(), server?.close()]);
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    });

    it("answers a dev-set question with the right paper first, quoting the sentence that answers it, and lists its neighbours", async () => {
      const session = await openPageSession(browser, {
        baseURL: server.url,
        viewport: { width: 1280, height: 900 },
      });
      try {
        const { page } = session;
        await page.goto("/");
        await page.getByText("70 papers", { exact: true }).waitFor();
        await page.getByText("semantic search on").waitFor();

        const box = page.getByRole("textbox", { name: "Your question" });
        await box.fill(QUESTION);
        await box.press("Enter");
        const answer = page.getByRole("article", { name: "Answer" });
        await answer.locator(".source-card").first().waitFor();
        await page.getByRole("button", { name: "Send", exact: true }).waitFor();

        expect(await answer.locator(".source-title").first().textContent()).toBe(TITLE);
        const first = answer.locator(".source-card").first();
        expect((await first.locator(".snippet-text").allTextContents()).join(" ")).toContain(
          ANSWER_SENTENCE,
        );
        expect(await answer.locator(".answer-text").textContent()).toContain(ANSWER_SENTENCE);

        await first.getByRole("button", { name: "Similar papers" }).click();
        const similar = first.getByRole("list", { name: `Papers similar to ${TITLE}` });
        await similar.waitFor();
        const titles = await similar.getByRole("button").allTextContents();
        expect(titles[0]).toMatch(/concept bottleneck/i);
        expect(titles).not.toContain(TITLE);
        expect(session.foreignRequests()).toEqual([]);
      } finally {
        await session.close();
      }
    });
  },
);
