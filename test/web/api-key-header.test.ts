import { describe, expect, it } from "vitest";
import { parseApiKey, withApiKey } from "../../web/src/api/api-key-header.ts";

describe("parseApiKey", () => {
  it("keeps a pasted key without the spaces and line break around it", () => {
    expect(parseApiKey("  sk-test_123.ABC\n")).toEqual({ key: "sk-test_123.ABC" });
  });

  it.each([
    ["nothing", ""],
    ["only spaces", "  \n "],
  ])("asks for the key when given %s", (_, input) => {
    expect(parseApiKey(input)).toEqual({ problem: "Enter the API key." });
  });

  it.each([
    ["a line break inside", "first\nsecond"],
    ["a non-ASCII letter", "clé"],
    ["a tab", "a\tb"],
    ["characters a header cannot carry", "密钥"],
  ])("refuses a key with %s, which would not reach the server as typed", (_, input) => {
    expect(parseApiKey(input)).toEqual({
      problem:
        "An API key is one line of letters, digits and ASCII symbols; check that it was copied whole.",
    });
  });
});

describe("withApiKey", () => {
  it("adds the key as a bearer token and keeps the other headers", () => {
    const headers = withApiKey({ accept: "application/json" }, "s3cret");
    expect(headers.get("authorization")).toBe("Bearer s3cret");
    expect(headers.get("accept")).toBe("application/json");
  });

  it("reads every form of headers a fetch call may get", () => {
    const expected = { "content-type": "application/json", authorization: "Bearer k" };
    for (const init of [
      new Headers({ "content-type": "application/json" }),
      [["content-type", "application/json"]] as [string, string][],
      { "Content-Type": "application/json" },
    ]) {
      expect(Object.fromEntries(withApiKey(init, "k"))).toEqual(expected);
    }
  });

  it("replaces an Authorization header already there, and adds none without a key", () => {
    expect(withApiKey({ Authorization: "Bearer old" }, "new").get("authorization")).toBe(
      "Bearer new",
    );
    expect([...withApiKey({ accept: "text/plain" }, null).keys()]).toEqual(["accept"]);
  });
});
