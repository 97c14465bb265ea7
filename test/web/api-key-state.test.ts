import { describe, expect, it } from "vitest";
import { type ApiKeyState, nextApiKeyState } from "../../web/src/api/api-key-state.ts";

const none: ApiKeyState = { key: null, refusal: null };
const held: ApiKeyState = { key: "s3cret", refusal: null };

describe("nextApiKeyState", () => {
  it("asks for a key when a request without one is refused", () => {
    expect(
      nextApiKeyState(none, { type: "refused", sentKey: null, message: "Missing API key." }),
    ).toEqual({ key: null, refusal: "Missing API key." });
  });

  it("drops a key the server refused, and asks for another", () => {
    expect(
      nextApiKeyState(held, { type: "refused", sentKey: "s3cret", message: "Incorrect API key." }),
    ).toEqual({ key: null, refusal: "Incorrect API key." });
  });

  it("ignores the refusal of a key that was replaced or forgotten while the request was out", () => {
    const replaced = nextApiKeyState(held, {
      type: "refused",
      sentKey: "old",
      message: "Incorrect API key.",
    });
    expect(replaced).toBe(held);
    const forgotten = nextApiKeyState(none, { type: "refused", sentKey: "old", message: "x" });
    expect(forgotten).toBe(none);
    const saved = nextApiKeyState(held, { type: "refused", sentKey: null, message: "Missing." });
    expect(saved).toBe(held);
  });

  it("closes the question once a key is saved, and forgets it on request", () => {
    const asking: ApiKeyState = { key: null, refusal: "Missing API key." };
    expect(nextApiKeyState(asking, { type: "saved", key: "s3cret" })).toEqual(held);
    expect(nextApiKeyState(held, { type: "forgotten" })).toEqual(none);
    expect(nextApiKeyState(asking, { type: "forgotten" })).toEqual(none);
  });
});
