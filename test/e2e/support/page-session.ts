import type { Browser, BrowserContext, Page, ViewportSize } from "playwright-core";

export interface PageSessionOptions {
  /** The paperchat server the page is loaded from. */
  baseURL: string;
  viewport: ViewportSize;
  colorScheme?: "light" | "dark";
}

/** A browser page plus every URL it requested (page, assets, API, anything else). */
export interface PageSession {
  page: Page;
  context: BrowserContext;
  requests: string[];
  /** Requests that went anywhere but `baseURL`'s origin. */
  foreignRequests(): string[];
  close(): Promise<void>;
}

/**
 * Opens a fresh browser context on the server and records every request it makes, so a test
 * can check that the page talks to no one but its own server.
 *
 * @example
 * const session = await openPageSession(browser, { baseURL: server.url, viewport: { width: 1280, height: 900 } });
 * await session.page.goto("/");
 * expect(session.foreignRequests()).toEqual([]);
 */
export async function openPageSession(
  browser: Browser,
  options: PageSessionOptions,
): Promise<PageSession> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: options.viewport,
    colorScheme: options.colorScheme ?? "light",
  });
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("page", (page) => page.on("websocket", (socket) => requests.push(socket.url())));
  const page = await context.newPage();
  page.on("websocket", (socket) => requests.push(socket.url()));
  const origin = new URL(options.baseURL).origin;
  return {
    page,
    context,
    requests,
    foreignRequests: () => requests.filter((url) => new URL(url).origin !== origin),
    close: () => context.close(),
  };
}
