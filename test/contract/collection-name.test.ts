import { describe, expect, it } from "vitest";
import {
  COLLECTION_NAME_PATTERN,
  collectionNameProblem,
  MAX_COLLECTION_NAME_CHARS,
} from "../../src/contract/collection-name.ts";
import { createApp } from "../../src/server/app.ts";
import { openTinyEngine } from "../server/support/tiny-server.ts";

const VALID = [
  "Reading",
  "a",
  "Reading/2024",
  "..x",
  "x..",
  "Émile's list 😀",
  "%2F",
  "a b",
  "x".repeat(100),
];
const INVALID = [
  "",
  " ",
  " x",
  "x ",
  "\u00a0x",
  "x\u3000",
  "a\u0000b",
  "tab\there",
  "line\nbreak",
  "x\n",
  "a\u0085b",
  "a\u2028b",
  ".",
  "..",
  "x".repeat(101),
  "lone \ud800 surrogate",
];

describe("collection names", () => {
  it("are valid by one rule, whose pattern the API documents", async () => {
    const pattern = new RegExp(COLLECTION_NAME_PATTERN);
    const byDocument = (name: string) =>
      pattern.test(name) && [...name].length <= MAX_COLLECTION_NAME_CHARS && !/\p{Cs}/u.test(name);
    for (const name of VALID) {
      expect(collectionNameProblem(name), JSON.stringify(name)).toBeUndefined();
      expect(byDocument(name), JSON.stringify(name)).toBe(true);
    }
    for (const name of INVALID) {
      expect(collectionNameProblem(name), JSON.stringify(name)).toMatch(/^must /);
      expect(byDocument(name), JSON.stringify(name)).toBe(false);
    }
    const { engine } = await openTinyEngine();
    const document = await (await createApp({ engine }).request("/openapi.json")).json();
    const create = document.paths["/api/collections"].post.requestBody.content["application/json"];
    const schema = document.components.schemas[create.schema.$ref.split("/").pop()];
    expect(schema.properties.name).toMatchObject({
      pattern: COLLECTION_NAME_PATTERN,
      maxLength: MAX_COLLECTION_NAME_CHARS,
      minLength: 1,
    });
  });
});
