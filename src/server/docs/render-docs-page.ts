import { html } from "hono/html";
import { curlExample } from "./curl-example.ts";
import type { OpenApiShape, OperationShape, SchemaShape } from "./openapi-shapes.ts";
import { exampleOf, refName, type SchemaLookup, schemaLookup, schemaText } from "./schema-text.ts";

export interface DocsPageOptions {
  /** Where this server is reached, for the curl examples. */
  origin: string;
}

interface Operation {
  method: string;
  path: string;
  operation: OperationShape;
  anchor: string;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-top:1px solid #ddd;padding-top:1rem;font-size:1.15rem}
h3{font-size:.95rem;margin:1rem 0 .3rem}code,pre{font:13px/1.45 ui-monospace,monospace;background:#f5f5f7;border-radius:4px}
code{padding:.05rem .3rem}pre{padding:.7rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
.method{display:inline-block;min-width:3.5rem;font:bold 12px ui-monospace,monospace;color:#fff;background:#0a7d44;border-radius:4px;padding:.1rem .4rem;text-align:center}
.method.post{background:#1f5fbf}nav li{margin:.15rem 0}.muted{color:#666}
@media (prefers-color-scheme: dark){body{background:#161618;color:#e8e8ea}code,pre{background:#232326}th,td{border-color:#333}h2{border-color:#333}.muted{color:#aaa}}
`;

/** Text with `backticked` spans shown as code (everything escaped). */
function prose(text: string | undefined) {
  return (text ?? "")
    .split("`")
    .map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part));
}

function operationsOf(document: OpenApiShape): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      operation,
      anchor: `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`.replace(/-+$/, ""),
    })),
  );
}

function fieldsTable(schema: SchemaShape, lookup: SchemaLookup) {
  const resolved = lookup(schema);
  const required = new Set(resolved.required ?? []);
  const rows = Object.entries(resolved.properties ?? {}).map(
    ([name, property]) => html`<tr>
      <td><code>${name}</code>${required.has(name) ? "" : html` <span class="muted">(optional)</span>`}</td>
      <td>${schemaText(property)}${property.default === undefined ? "" : html` <span class="muted">default ${JSON.stringify(property.default)}</span>`}</td>
      <td>${prose(lookup(property).description)}</td>
    </tr>`,
  );
  return html`<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>${rows}</table>`;
}

function renderOperation(
  entry: Operation,
  lookup: SchemaLookup,
  document: OpenApiShape,
  origin: string,
) {
  const { method, path, operation } = entry;
  const auth = (operation.security ?? document.security ?? []).length > 0;
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(operation.responses ?? {});
  return html`<section id="${entry.anchor}">
  <h2><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h2>
  <p><strong>${operation.summary ?? ""}</strong></p>
  ${operation.description ? html`<p>${prose(operation.description)}</p>` : ""}
  ${
    parameters.length > 0
      ? html`<h3>Parameters</h3><table><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>${parameters.map(
          (parameter) => html`<tr>
            <td><code>${parameter.name}</code>${parameter.required ? "" : html` <span class="muted">(optional)</span>`}</td>
            <td>${parameter.in}</td>
            <td>${parameter.schema ? schemaText(parameter.schema) : ""}${parameter.schema?.default === undefined ? "" : html` <span class="muted">default ${JSON.stringify(parameter.schema.default)}</span>`}</td>
            <td>${prose(parameter.description)}</td>
          </tr>`,
        )}</table>`
      : ""
  }
  ${
    body
      ? html`<h3>Request body <span class="muted">(JSON${refName(body) ? `, ${refName(body)}` : ""})</span></h3>
    ${fieldsTable(body, lookup)}
    <pre>${JSON.stringify(exampleOf(body, lookup), null, 2)}</pre>`
      : ""
  }
  <h3>Responses</h3>
  <table>${responses.map(([status, response]) => {
    const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
    const shape = media?.schema && (refName(media.schema) ?? mediaType);
    return html`<tr><td><code>${status}</code></td><td>${response.description ?? ""}</td><td class="muted">${shape ?? ""}</td></tr>`;
  })}</table>
  <h3>Example</h3>
  <pre>${curlExample(method, path, operation, lookup, { origin, auth })}</pre>
</section>`;
}

function renderSchema(name: string, schema: SchemaShape, lookup: SchemaLookup) {
  return html`<section id="schema-${name}"><h3>${name}</h3>${fieldsTable(schema, lookup)}</section>`;
}

/**
 * The API docs as one self-contained HTML page (no scripts, no external assets): every route
 * with its parameters, body fields, responses and a runnable curl example, then the schemas.
 *
 * @example
 * c.html(renderDocsPage(app.getOpenAPI31Document(config), { origin: "http://localhost:3000" }));
 */
export function renderDocsPage(document: OpenApiShape, options: DocsPageOptions) {
  const schemas = document.components?.schemas ?? {};
  const lookup = schemaLookup(schemas);
  const operations = operationsOf(document);
  const { info } = document;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.title} ${info.version}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${info.title}</h1>
<p class="muted">Version ${info.version} · machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1)</p>
${info.description ? html`<p>${prose(info.description)}</p>` : ""}
${
  (document.security ?? []).length > 0
    ? html`<p><strong>This server requires an API key</strong> on <code>/api/*</code> (except <code>/api/health</code>) and <code>/v1/*</code>: send <code>Authorization: Bearer &lt;key&gt;</code>.</p>`
    : ""
}
<nav><ul>${operations.map(
    ({ method, path, operation, anchor }) =>
      html`<li><a href="#${anchor}"><code>${method.toUpperCase()} ${path}</code></a> — ${operation.summary ?? ""}</li>`,
  )}</ul></nav>
${operations.map((entry) => renderOperation(entry, lookup, document, options.origin))}
<h2>Schemas</h2>
${Object.entries(schemas).map(([name, schema]) => renderSchema(name, schema, lookup))}
</body>
</html>`;
}
