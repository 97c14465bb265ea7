import type { PaperchatApp } from "../app-context.ts";
import type { OpenApiShape } from "../docs/openapi-shapes.ts";
import { renderDocsPage } from "../docs/render-docs-page.ts";

export interface DocsOptions {
  version: string;
  /** Whether the API requires a bearer key (documented as a security requirement). */
  apiKey: boolean;
}

const DESCRIPTION = [
  "Chat-style semantic search over research paper abstracts, with grounded, verbatim snippets.",
  'Every error is JSON: `{"error": {"message", "type", "code"?, "param"?}}`, 4xx for anything the client can fix.',
].join(" ");

/**
 * `GET /openapi.json` (OpenAPI 3.1, generated from the schemas that validate requests) and
 * `GET /docs` (the same document as a self-contained HTML page with curl examples).
 *
 * @example
 * registerDocsRoutes(app, { version: "0.1.0", apiKey: false });
 */
export function registerDocsRoutes(app: PaperchatApp, options: DocsOptions): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "Required on /api/* (except /api/health) and /v1/* when the server has PAPERCHAT_API_KEY set.",
  });
  let document: ReturnType<PaperchatApp["getOpenAPI31Document"]> | undefined;
  const openApiDocument = () => {
    document ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "paperchat API", version: options.version, description: DESCRIPTION },
      ...(options.apiKey && { security: [{ Bearer: [] }] }),
    });
    return document;
  };
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.get("/docs", (c) =>
    // The page reads a structural subset of the document (see openapi-shapes.ts).
    c.html(
      renderDocsPage(openApiDocument() as unknown as OpenApiShape, {
        origin: new URL(c.req.url).origin,
      }),
    ),
  );
}
