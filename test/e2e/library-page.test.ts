import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "@retorquere/bibtex-parser";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { type RunningServer, serveEngine } from "../../src/server/serve.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import { buildTinyIndex, tempDir } from "../support/tiny-index.ts";
import { launchChromium } from "./support/chromium.ts";
import { openPageSession } from "./support/page-session.ts";
import { buildWebApp } from "./support/web-build.ts";

/** Screenshots land here (git-ignored); the README's is copied to docs/ by hand. */
const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/e2e");
const LIGHTGCN = "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation";
const ULTRAGCN =
  "UltraGCN: Ultra Simplification of Graph Convolutional Networks for Recommendation";
const SHEAF = "Sheaf Neural Networks for Graph-based Recommender Systems";
const DRAFT =
  "Graph convolution networks for collaborative filtering: we simplify message passing over the user-item interaction graph for recommendation.";
const COLLECTION = "Graph recommenders";

let browser: Browser;
let server: RunningServer;
const scratch: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const [built, webRoot] = await Promise.all([
    buildTinyIndex(),
    buildWebApp(tempDir("paperchat-web-")),
  ]);
  scratch.push(built.indexDir, webRoot);
  const store = await openEmbeddedStore(built.indexDir, { encoder: built.embedder });
  const engine = createSearchEngine({ store, embedder: built.embedder });
  server = await serveEngine({
    engine,
    embedder: built.embedder,
    webRoot,
    port: 0,
    host: "127.0.0.1",
    shutdownGraceMs: 1000,
  });
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Presses a control from the keyboard: focused first, as Tab would reach it. */
async function press(control: Locator, key = "Enter") {
  await control.focus();
  await control.press(key);
}

/** The related-work card titled `title`. */
const card = (page: Page, title: string) =>
  page
    .getByRole("region", { name: "Related papers" })
    .locator(".source-card")
    .filter({ has: page.getByRole("heading", { name: title }) });

/** Saves a paper's card to a collection from the keyboard, making the collection if asked. */
async function saveFromCard(page: Page, title: string, collection: string, create: boolean) {
  const save = card(page, title).getByRole("button", { name: `Save “${title}” to a collection` });
  await press(save);
  expect(await save.getAttribute("aria-expanded")).toBe("true");
  const panel = card(page, title).locator(".save-panel");
  if (create) {
    const field = panel.getByLabel("New collection");
    await field.focus();
    await field.pressSequentially(collection);
    await field.press("Enter");
  } else {
    await press(panel.getByRole("checkbox", { name: collection }), "Space");
  }
  await expect.poll(() => panel.getByRole("checkbox", { name: collection }).isChecked()).toBe(true);
  // Escape closes the panel and gives focus back to its button.
  await panel.getByRole("checkbox", { name: collection }).press("Escape");
  expect(await save.getAttribute("aria-expanded")).toBe("false");
  expect(await save.evaluate((element) => element === document.activeElement)).toBe(true);
}

describe("the Library in Chromium", () => {
  it("saves papers from their cards, recommends more with why, and exports them, all from the keyboard", async () => {
    const session = await openPageSession(browser, {
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
    });
    const { page } = session;
    try {
      await page.goto("/");
      await press(page.getByRole("button", { name: "Related work" }));
      await page.getByLabel("Paste your draft abstract").fill(DRAFT);
      await press(page.getByRole("button", { name: "Find related work" }));
      await card(page, LIGHTGCN).waitFor();
      await saveFromCard(page, LIGHTGCN, COLLECTION, true);
      await saveFromCard(page, ULTRAGCN, COLLECTION, false);
      await saveFromCard(page, SHEAF, COLLECTION, false);

      await press(page.getByRole("button", { name: "Library" }));
      const list = page.getByRole("navigation", { name: "Collections" });
      await list.getByRole("button", { name: `${COLLECTION} 3` }).waitFor();
      const papers = page.getByRole("list", { name: `Papers in ${COLLECTION}` });
      await papers.waitFor();
      expect(await papers.getByRole("button").allTextContents()).toEqual([
        LIGHTGCN,
        "Remove",
        ULTRAGCN,
        "Remove",
        SHEAF,
        "Remove",
      ]);

      // Recommended: never a saved paper, each saying which saved papers it is near.
      const recommended = page.getByRole("list", { name: `Recommended for ${COLLECTION}` });
      await recommended.locator("li.source-card").first().waitFor();
      const titles = await recommended.locator(".source-title").allTextContents();
      expect(titles.length).toBeGreaterThan(3);
      for (const saved of [LIGHTGCN, ULTRAGCN, SHEAF]) expect(titles).not.toContain(saved);
      const why = await recommended.locator(".why").allTextContents();
      for (const line of why) expect(line).toMatch(/^Why: near (LightGCN|UltraGCN|Sheaf)/);
      expect(await recommended.locator(".snippet-text").count()).toBeGreaterThan(titles.length - 1);
      await page.getByRole("heading", { name: "Recommended" }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve(ARTIFACTS, "desktop-library.png") });

      // Export: a BibTeX file named after the collection, that a BibTeX parser reads whole.
      const download = page.waitForEvent("download");
      await press(page.getByRole("button", { name: `Export ${COLLECTION} as BibTeX` }));
      const file = await download;
      expect(file.suggestedFilename()).toBe(`${COLLECTION}.bib`);
      const bibtex = parse(readFileSync((await file.path())!, "utf8"));
      expect(bibtex.errors).toEqual([]);
      expect(bibtex.entries.map((entry) => entry.key)).toEqual(["lightgcn", "ultragcn", "sheaf"]);

      // Remove a paper, rename the collection, then delete it: each from the keyboard.
      await press(papers.getByRole("button", { name: `Remove “${SHEAF}” from ${COLLECTION}` }));
      await list.getByRole("button", { name: `${COLLECTION} 2` }).waitFor();
      const rename = page.getByLabel("Rename to");
      await rename.fill("GCN recommenders");
      await rename.press("Enter");
      await list.getByRole("button", { name: "GCN recommenders 2" }).waitFor();
      await press(page.getByRole("button", { name: "Delete collection…" }));
      await press(
        page
          .getByRole("group", { name: /Delete “GCN recommenders”/ })
          .getByRole("button", { name: "Delete" }),
      );
      await page.getByText("No collections yet.").waitFor();
      expect(session.foreignRequests()).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("refuses an invalid name on the page, before asking the server", async () => {
    const session = await openPageSession(browser, {
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      colorScheme: "dark",
    });
    const { page } = session;
    try {
      await page.goto("/");
      await press(page.getByRole("button", { name: "Library" }));
      const field = page
        .getByRole("navigation", { name: "Collections" })
        .getByLabel("New collection");
      await field.fill(" padded");
      await field.press("Enter");
      await page
        .getByRole("alert")
        .filter({ hasText: "must not start or end with whitespace" })
        .waitFor();
      const { collections } = await (await fetch(`${server.url}/api/collections`)).json();
      expect(collections).toEqual([]);
      await page.screenshot({ path: resolve(ARTIFACTS, "phone-library.png") });
    } finally {
      await session.close();
    }
  });
});
