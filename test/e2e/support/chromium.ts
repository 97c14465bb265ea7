import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium; `.ci/run` installs it. */
export const CHROMIUM_PATH = process.env.PAPERCHAT_CHROMIUM ?? "/usr/bin/chromium";

/** No sandbox (containers), no GPU, and none of Chromium's own background traffic. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Launches headless Chromium, or fails saying how to install it (the browser tests never skip).
 *
 * @example
 * const browser = await launchChromium();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}, which is missing. Install it with ` +
        "`apt-get update && apt-get install -y chromium` (Debian/Ubuntu; CI's .ci/run does this), " +
        "or point PAPERCHAT_CHROMIUM at a Chromium binary.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
