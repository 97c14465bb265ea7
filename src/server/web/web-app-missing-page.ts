import { html } from "hono/html";

/**
 * The page `/` shows when the web app has not been built: what to run, and what works already.
 *
 * @example
 * c.html(webAppMissingPage("http://localhost:3000"));
 */
export function webAppMissingPage(origin: string) {
  const curl = `curl '${origin}/api/search?q=sparse+bayesian+neural+networks&k=3'`;
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>paperchat</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#222}code,pre{background:#f4f4f4;border-radius:4px;padding:.1rem .3rem}pre{padding:.75rem;overflow-x:auto}</style>
</head>
<body>
<h1>paperchat is running</h1>
<p>The chat page has not been built yet. Build it with <code>npm run build</code>, then reload this page.</p>
<p>The API works already: see <a href="/docs">the API docs</a> and <a href="/api/health">/api/health</a>, or try</p>
<pre>${curl}</pre>
</body>
</html>`;
}
