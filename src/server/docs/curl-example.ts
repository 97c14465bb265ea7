import type { OperationShape } from "./openapi-shapes.ts";
import { exampleOf, type SchemaLookup } from "./schema-text.ts";

export interface CurlExampleOptions {
  origin: string;
  /** Add the bearer header (the route requires the API key). */
  auth: boolean;
}

/** Quotes a word for a POSIX shell. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A runnable curl command for an operation, filled with the schema's examples.
 *
 * @example
 * curlExample("post", "/api/search", operation, lookup, { origin: "http://localhost:3000", auth: false });
 * // curl http://localhost:3000/api/search -H 'Content-Type: application/json' -d '{"query":"…"}'
 */
export function curlExample(
  method: string,
  path: string,
  operation: OperationShape,
  lookup: SchemaLookup,
  options: CurlExampleOptions,
): string {
  const query = new URLSearchParams();
  let urlPath = path;
  for (const parameter of operation.parameters ?? []) {
    const value = parameter.schema ? exampleOf(parameter.schema, lookup) : undefined;
    if (value === undefined) continue;
    if (parameter.in === "path") {
      urlPath = urlPath.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    } else if (parameter.in === "query" && parameter.required) {
      query.set(parameter.name, String(value));
    }
  }
  const url = `${options.origin}${urlPath}${query.size > 0 ? `?${query}` : ""}`;
  const content = operation.requestBody?.content ?? {};
  const streams = Object.keys(operation.responses?.["200"]?.content ?? {}).includes(
    "text/event-stream",
  );
  const words = ["curl", ...(streams ? ["-N"] : []), shellQuote(url)];
  if (method !== "get" && !content["application/json"]) words.push("-X", method.toUpperCase());
  if (options.auth) words.push("-H", `"Authorization: Bearer $PAPERCHAT_API_KEY"`);
  const bodySchema = content["application/json"]?.schema;
  if (bodySchema) {
    const body = JSON.stringify(exampleOf(bodySchema, lookup));
    words.push("-H", shellQuote("Content-Type: application/json"), "-d", shellQuote(body));
  }
  return words.join(" ");
}
