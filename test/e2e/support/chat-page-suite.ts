import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Locator, Page, ViewportSize } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartersResponse } from "../../../src/contract/starters.ts";
import { tokenize } from "../../../src/contract/tokenize.ts";
import { createSearchEngine } from "../../../src/search/search-engine.ts";
import type { AppOptions } from "../../../src/server/app.ts";
import { type RunningServer, serveEngine } from "../../../src/server/serve.ts";
import { writeArxivCorpus } from "../../support/arxiv-corpus.ts";
import { tempDir } from "../../support/tiny-index.ts";
import { buildTinyStore, type StoreTarget, type TinyStore } from "../../support/tiny-store.ts";
import { launchChromium } from "./chromium.ts";
import { openPageSession } from "./page-session.ts";
import { type ScriptedLlm, startScriptedLlm } from "./scripted-llm.ts";
import { buildWebApp } from "./web-build.ts";

/** Screenshots land here (git-ignored), for people and CI artefacts. */
const ARTIFACTS = resolve(import.meta.dirname, "../../../test-artifacts");
const DESKTOP: ViewportSize = { width: 1280, height: 900 };
const PHONE: ViewportSize = { width: 390, height: 844 };

/** A question of the dev set (test/fixtures/dev-queries.jsonl) and the paper it is about. */
const DEV_QUESTION =
  "graph convolution for user profiling when node attributes are categorical and interact";
const DEV_TITLE = "CatGCN: Graph Convolutional Networks with Categorical Node Features";

/** A draft abstract written for this test, close in topic to LightGCN. */
const DRAFT_ABSTRACT =
  "Graph convolution networks have become the standard for collaborative filtering, but their design is inherited from node classification. We ask which parts of a graph convolution matter for recommendation and find that feature transformation and nonlinear activation add little. We therefore propose a lean recommender that learns user and item embeddings by linear propagation over the user-item interaction graph and combines the layers by a weighted sum.";
const DRAFT_RELATED_TITLE =
  "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation";

/** What the scripted language model streams, slowly enough to be stopped halfway. */
const SCRIPTED_ANSWER =
  "Two papers simplify graph convolution for recommendation. LightGCN keeps only neighbourhood aggregation and learns user and item embeddings by linear propagation [1]. UltraGCN goes further and skips message passing altogether, approximating infinite layers with a constraint loss [2]. Both report better accuracy than heavier graph models while training faster, which suggests that much of the usual machinery is unnecessary for collaborative filtering.";

let browser: Browser;
let server: RunningServer;
let llmServer: RunningServer;
let llm: ScriptedLlm;
let appOptions: AppOptions;
/** Temporary folders (the built page) removed after the run. */
const scratch: string[] = [];
/** Indexes built for the run (a folder, or indexes in a cluster), removed after it. */
const builtStores: TinyStore[] = [];

/** The real server on a free local port. */
const startPaperchat = (options: AppOptions) =>
  serveEngine({ ...options, port: 0, host: "127.0.0.1", shutdownGraceMs: 1000 });

interface PageOptions {
  viewport?: ViewportSize;
  colorScheme?: "light" | "dark";
}

/**
 * Runs `body` on a fresh page of `target`, then checks that the page requested nothing from
 * any origin but the server's own (no CDN fonts, scripts or telemetry).
 */
async function onPage(
  target: RunningServer,
  options: PageOptions,
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const session = await openPageSession(browser, {
    baseURL: target.url,
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme,
  });
  try {
    await session.page.goto("/");
    await body(session.page);
    expect(session.requests.length).toBeGreaterThan(2);
    expect(session.foreignRequests()).toEqual([]);
  } finally {
    await session.close();
  }
}

/** Waits for `promise`, failing with `failure` instead of hanging until the test times out. */
function orFail<T>(promise: Promise<T>, failure: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(failure)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const questionBox = (page: Page) => page.getByRole("textbox", { name: "Your question" });
const sendButton = (page: Page) => page.getByRole("button", { name: "Send", exact: true });

/** Types a question, presses Enter, and waits until its answer has finished streaming. */
async function ask(page: Page, question: string): Promise<Locator> {
  await questionBox(page).fill(question);
  await questionBox(page).press("Enter");
  const answer = page.getByRole("article", { name: "Answer" }).last();
  await answer.locator(".source-card").first().waitFor();
  await sendButton(page).waitFor();
  return answer;
}

/** The source card titled `title` inside `scope`. */
const cardTitled = (scope: Locator, title: string) =>
  scope.locator(".source-card").filter({ has: scope.page().getByRole("heading", { name: title }) });

/**
 * The chat page's end-to-end tests in Chromium, on servers whose index lives in `target`: the
 * embedded store (every test), or an OpenSearch cluster (the tests whose answers come from the
 * store; those that test the page or the server alone run once, on the embedded store).
 * Screenshots go to test-artifacts/e2e/ (test-artifacts/e2e-opensearch/ for a cluster).
 *
 * @example
 * describeChatPage({ kind: "opensearch", url: process.env.OPENSEARCH_URL! });
 */
export function describeChatPage(target: StoreTarget): void {
  const artifacts = resolve(ARTIFACTS, target.kind === "embedded" ? "e2e" : "e2e-opensearch");
  /** A test of the page or the server alone, which another store would not change. */
  const pageOnly = target.kind === "embedded" ? it : it.skip;

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
    const [built, webRoot] = await Promise.all([
      buildTinyStore(target),
      buildWebApp(tempDir("paperchat-web-")),
    ]);
    builtStores.push(built);
    scratch.push(webRoot);
    const { store } = built;
    const engine = createSearchEngine({ store, embedder: built.embedder });
    appOptions = { engine, embedder: built.embedder, webRoot };
    llm = await startScriptedLlm({ answer: SCRIPTED_ANSWER, chunkDelayMs: 100 });
    [server, llmServer] = await Promise.all([
      startPaperchat(appOptions),
      startPaperchat({
        ...appOptions,
        llm: { baseURL: llm.baseURL, model: "scripted", timeoutMs: 30_000 },
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close(), llmServer?.close(), llm?.close()]);
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    for (const built of builtStores) await built.remove();
  });

  describe("the chat page in Chromium", () => {
    it("answers a dev-set question with cited source cards, highlighted snippets and the full abstract", async () => {
      await onPage(server, {}, async (page) => {
        await page.getByText("70 papers", { exact: true }).waitFor();
        await page.getByText("semantic search on").waitFor();
        await page.locator(".starter-questions button").first().waitFor();
        // The bundled corpus has no years or categories: nothing to filter by.
        expect(await page.locator(".filter-controls").count()).toBe(0);
        await page.screenshot({ path: resolve(artifacts, "desktop-empty.png") });

        // Shift+Enter starts a new line and sends nothing; Enter sends.
        const [firstLine, secondLine] = [
          "graph convolution for user profiling",
          "when node attributes are categorical and interact",
        ];
        await questionBox(page).fill(firstLine);
        await questionBox(page).press("Shift+Enter");
        await questionBox(page).pressSequentially(secondLine);
        expect(await questionBox(page).inputValue()).toBe(`${firstLine}\n${secondLine}`);
        expect(await page.locator(".message").count()).toBe(0);
        await questionBox(page).press("Enter");
        await page
          .getByRole("article", { name: "Answer" })
          .locator(".source-card")
          .first()
          .waitFor();
        await sendButton(page).waitFor();
        expect(await questionBox(page).inputValue()).toBe("");

        await questionBox(page).blur();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: resolve(artifacts, "desktop-answer.png") });

        const answer = page.getByRole("article", { name: "Answer" });
        expect(await answer.locator(".answer-text").textContent()).toContain("“");
        expect(await answer.locator(".source-title").allTextContents()).toContain(DEV_TITLE);

        const card = cardTitled(answer, DEV_TITLE);
        const terms = new Set(tokenize(DEV_QUESTION));
        const marked = await card.locator(".snippet-text mark.term").allTextContents();
        expect(marked.length).toBeGreaterThan(0);
        for (const word of marked)
          expect(tokenize(word).some((term) => terms.has(term))).toBe(true);

        // The answer's [n] for this paper links to its card.
        const number = await card.locator(".source-number").textContent();
        await answer
          .getByRole("link", { name: `Source ${number}: ${DEV_TITLE}` })
          .first()
          .click();
        expect(await page.evaluate(() => location.hash)).toBe(`#${await card.getAttribute("id")}`);

        // The full abstract marks each snippet in place.
        const snippets = await card.locator(".snippet-text").allTextContents();
        await card.getByRole("button", { name: "Full abstract" }).click();
        const abstract = card.getByRole("blockquote");
        await abstract.waitFor();
        const inPlace = (await abstract.locator("mark.snippet").allTextContents()).join(" ");
        for (const snippet of snippets) expect(inPlace).toContain(snippet);
        expect((await abstract.textContent())!.length).toBeGreaterThan(inPlace.length);
        await page.screenshot({ path: resolve(artifacts, "desktop-full-abstract.png") });
      });
    });

    it("lists similar papers for a source card, without the paper itself, and opens one", async () => {
      await onPage(server, {}, async (page) => {
        const answer = await ask(page, DEV_QUESTION);
        const card = cardTitled(answer, DEV_TITLE);
        await card.getByRole("button", { name: "Similar papers" }).click();
        const list = card.getByRole("list", { name: `Papers similar to ${DEV_TITLE}` });
        await list.waitFor();
        const titles = await list.getByRole("button").allTextContents();
        expect(titles.length).toBeGreaterThan(0);
        expect(titles).not.toContain(DEV_TITLE);

        await list.getByRole("button").first().click();
        const dialog = page.getByRole("dialog", { name: titles[0] });
        await dialog.locator(".full-abstract").waitFor();
        expect((await dialog.locator(".full-abstract").textContent())!.length).toBeGreaterThan(100);
        const neighbours = dialog.getByRole("list", { name: `Papers similar to ${titles[0]}` });
        await neighbours.waitFor();
        expect(await neighbours.getByRole("button").allTextContents()).not.toContain(titles[0]);
        await page.screenshot({ path: resolve(artifacts, "desktop-paper-dialog.png") });
        await dialog.getByRole("button", { name: "Close paper" }).click();
        await dialog.waitFor({ state: "hidden" });
      });
    });

    it("finds related work for a pasted draft abstract", async () => {
      await onPage(server, {}, async (page) => {
        await page.getByRole("button", { name: "Related work" }).click();
        await page.getByLabel("Paste your draft abstract").fill(DRAFT_ABSTRACT);
        await page.getByRole("button", { name: "Find related work" }).click();
        const results = page.getByRole("region", { name: "Related papers" });
        await results.locator(".source-card").first().waitFor();
        expect(await results.locator(".source-title").allTextContents()).toContain(
          DRAFT_RELATED_TITLE,
        );
        expect(await results.locator("mark.term").count()).toBeGreaterThan(0);
        await page.screenshot({ path: resolve(artifacts, "desktop-related-work.png") });
      });
    });

    pageOnly("streams a language model's answer and stops it with the Stop button", async () => {
      await onPage(llmServer, {}, async (page) => {
        await questionBox(page).fill("How can graph convolution be simplified for recommendation?");
        await questionBox(page).press("Enter");
        const answer = page.getByRole("article", { name: "Answer" });
        const text = answer.locator(".answer-text");
        // Part of the answer is on screen while the rest is still coming.
        await text.getByText("Two papers").waitFor();
        await answer.locator(".source-card").first().waitFor();
        await page.getByRole("button", { name: "Stop" }).click();
        await sendButton(page).waitFor();
        await answer.getByText("Stopped.").waitFor();
        await orFail(llm.abandoned, "the server kept the language model streaming after Stop");
        const shown = (await text.textContent())!;
        expect(shown.length).toBeGreaterThan(0);
        expect(shown.length).toBeLessThan(SCRIPTED_ANSWER.length);
        expect(SCRIPTED_ANSWER.startsWith(shown.trim())).toBe(true);
      });
    });

    pageOnly(
      "shows the server's message when it refuses a question (4xx) and gives the question back",
      async () => {
        const tooLong = "graph ".repeat(1000).trim();
        const refusal = await fetch(`${server.url}/api/chat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            messages: [{ id: "q", role: "user", parts: [{ type: "text", text: tooLong }] }],
          }),
        });
        expect(refusal.status).toBe(400);
        const { error } = (await refusal.json()) as { error: { message: string } };

        await onPage(server, {}, async (page) => {
          await questionBox(page).fill(tooLong);
          await questionBox(page).press("Enter");
          const alert = page.getByRole("alert");
          await alert.waitFor();
          expect(await alert.textContent()).toContain(error.message);
          expect(await questionBox(page).inputValue()).toBe(tooLong);
          expect(await page.locator(".message").count()).toBe(0);
        });
      },
    );

    pageOnly("says so when the server cannot be reached", async () => {
      const doomed = await startPaperchat(appOptions);
      await onPage(doomed, {}, async (page) => {
        await page.getByText("70 papers", { exact: true }).waitFor();
        await doomed.close();
        await questionBox(page).fill(DEV_QUESTION);
        await questionBox(page).press("Enter");
        const alert = page.getByRole("alert");
        await alert.waitFor();
        expect(await alert.textContent()).toContain("Cannot reach the paperchat server");
      });
    });

    pageOnly("fits a phone screen in dark mode", async () => {
      await onPage(server, { viewport: PHONE, colorScheme: "dark" }, async (page) => {
        await ask(page, DEV_QUESTION);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: resolve(artifacts, "phone-answer.png") });
        await page.screenshot({
          path: resolve(artifacts, "phone-answer-full.png"),
          fullPage: true,
        });
      });
    });
  });

  describe("the chat page on a server that requires an API key", () => {
    const API_KEY = "e2e-key-7f3a";

    pageOnly(
      "asks for the key, repeats the server's message for a wrong one, and keeps the right one for the tab",
      async () => {
        const locked = await startPaperchat({ ...appOptions, apiKey: API_KEY });
        try {
          await onPage(locked, {}, async (page) => {
            // /api/health stays public, so the header loads before any key is given; the starting
            // questions do not, so the page asks for the key at once.
            await page.getByText("70 papers", { exact: true }).waitFor();
            const form = page.getByRole("form", { name: "API key required" });
            await form.waitFor();
            const keyField = form.getByLabel("API key", { exact: true });
            expect(await keyField.evaluate((field) => field === document.activeElement)).toBe(true);
            expect(await keyField.getAttribute("type")).toBe("password");
            expect(await page.locator(".starter-questions").count()).toBe(0);
            // A question asked without a key is refused and comes back into the box.
            await questionBox(page).fill(DEV_QUESTION);
            const refused = page.waitForResponse((response) =>
              response.url().endsWith("/api/chat"),
            );
            await questionBox(page).press("Enter");
            expect((await refused).status()).toBe(401);
            await expect.poll(() => page.locator(".message").count()).toBe(0);
            expect(await questionBox(page).inputValue()).toBe(DEV_QUESTION);
            expect(await form.getByRole("alert").textContent()).toContain("Missing API key");
            expect(await page.locator(".error-notice").count()).toBe(0);

            await keyField.fill("not-the-key");
            await form.getByRole("button", { name: "Save" }).click();
            await form.getByRole("alert").getByText("Incorrect API key").waitFor();

            await keyField.fill(API_KEY);
            await form.getByRole("button", { name: "Save" }).click();
            await form.waitFor({ state: "detached" });
            // With the key, the starting questions load.
            await page.locator(".starter-questions button").first().waitFor();
            const answer = await ask(page, DEV_QUESTION);
            expect(await answer.locator(".source-title").allTextContents()).toContain(DEV_TITLE);
            await page.screenshot({ path: resolve(artifacts, "desktop-api-key-answer.png") });

            // The key outlives a reload of the tab, in sessionStorage only.
            await page.reload();
            const again = await ask(page, DEV_QUESTION);
            expect(await again.locator(".source-title").allTextContents()).toContain(DEV_TITLE);
            expect(await page.locator(".api-key-form").count()).toBe(0);
            expect(await page.evaluate(() => localStorage.length)).toBe(0);

            const forget = page.getByRole("button", { name: "Forget API key" });
            await forget.click();
            await forget.waitFor({ state: "detached" });
            expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
          });
        } finally {
          await locked.close();
        }
      },
    );
  });

  describe("the chat page on an arXiv corpus with years and categories", () => {
    let arxivServer: RunningServer;

    beforeAll(async () => {
      const { file } = await writeArxivCorpus(tempDir("paperchat-arxiv-"));
      const built = await buildTinyStore(target, [file]);
      builtStores.push(built);
      arxivServer = await startPaperchat({
        ...appOptions,
        engine: createSearchEngine({ store: built.store, embedder: built.embedder }),
        embedder: built.embedder,
      });
    });

    afterAll(() => arxivServer?.close());

    const startersOf = async (target: RunningServer) =>
      ((await (await fetch(`${target.url}/api/starters`)).json()) as StartersResponse).starters;

    it("starts from questions about this corpus, and a starter finds its paper", async () => {
      const starters = await startersOf(arxivServer);
      const bundledQuestions = (await startersOf(server)).map((s) => s.question);
      await onPage(arxivServer, {}, async (page) => {
        const buttons = page.locator(".starter-questions button");
        await buttons.first().waitFor();
        const shown = await buttons.allTextContents();
        expect(shown).toEqual(starters.map((s) => s.question));
        expect(shown).not.toEqual(bundledQuestions);
        await page.screenshot({ path: resolve(artifacts, "desktop-empty-arxiv.png") });

        await buttons.first().click();
        const answer = page.getByRole("article", { name: "Answer" });
        await answer.locator(".source-card").first().waitFor();
        await sendButton(page).waitFor();
        const titles = await answer.locator(".source-title").allTextContents();
        expect(titles.slice(0, 3)).toContain(starters[0]!.title);
      });
    });

    it("filters the sources by year range and category, showing each paper's metadata and link", async () => {
      await onPage(arxivServer, {}, async (page) => {
        const filters = page.getByRole("group", { name: "Only papers" });
        await filters.waitFor();
        await filters.getByLabel("Year from").fill("2017");
        await filters.getByLabel("Year to").fill("2019");
        await filters.getByLabel("Category").selectOption("cs.IR");
        const answer = await ask(page, "graph convolution for recommendation");
        const cards = answer.locator(".source-card");
        const count = await cards.count();
        expect(count).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) {
          const card = cards.nth(i);
          const year = Number(await card.locator(".paper-year").textContent());
          expect(year).toBeGreaterThanOrEqual(2017);
          expect(year).toBeLessThanOrEqual(2019);
          expect(await card.locator(".paper-category").allTextContents()).toContain("cs.IR");
          expect(await card.locator(".paper-authors").textContent()).toMatch(/^Ada Author\d+/);
          const link = card.locator("a.paper-link");
          expect(await link.getAttribute("href")).toMatch(
            /^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{5}$/,
          );
          expect(await link.getAttribute("target")).toBe("_blank");
          expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
        }
        // The only links to other sites are the papers' own.
        const external = await page
          .locator("a[href^='http']")
          .evaluateAll((links) => links.map((link) => link.getAttribute("class")));
        expect(external.length).toBeGreaterThan(0);
        expect(new Set(external)).toEqual(new Set(["paper-link"]));
        await page.screenshot({ path: resolve(artifacts, "desktop-filtered-arxiv.png") });
      });
    });
  });
}
