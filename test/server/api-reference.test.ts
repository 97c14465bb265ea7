import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { openTinyEngine } from "./support/tiny-server.ts";

/** The repository's API reference: each route is a heading `### METHOD /path`. */
const REFERENCE = resolve(import.meta.dirname, "../../docs/api.md");
const ROUTE_HEADING = /^### (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)\s*$/;

/**
 * The routes a markdown reference documents, as `METHOD /path`, in order of appearance.
 *
 * @example
 * documentedRoutes("### GET /api/health\n…"); // ["GET /api/health"]
 */
function documentedRoutes(markdown: string): string[] {
  return markdown.split("\n").flatMap((line) => {
    const match = ROUTE_HEADING.exec(line);
    return match ? [`${match[1]} ${match[2]}`] : [];
  });
}

let openApiRoutes: string[];
let referenced: string[];

beforeAll(async () => {
  const { engine, embedder } = await openTinyEngine();
  const app = createApp({ engine, embedder });
  const document = (await (await app.request("/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  openApiRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  referenced = documentedRoutes(readFileSync(REFERENCE, "utf8"));
});

describe("docs/api.md against /openapi.json", () => {
  it("reads route headings, and only those", () => {
    expect(documentedRoutes("### GET /api/health\n## GET /nope\n### get /nope\n")).toEqual([
      "GET /api/health",
    ]);
  });

  it("documents each route once", () => {
    expect(referenced.length).toBeGreaterThan(0);
    expect(new Set(referenced).size).toBe(referenced.length);
  });

  it("documents only routes the server has", () => {
    expect(referenced.filter((route) => !openApiRoutes.includes(route))).toEqual([]);
  });

  it("documents every route the server has", () => {
    expect(openApiRoutes.filter((route) => !referenced.includes(route))).toEqual([]);
  });
});
