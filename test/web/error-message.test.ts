import { describe, expect, it } from "vitest";
import {
  describeError,
  isApiKeyError,
  messageFromErrorBody,
  SERVER_DOWN_MESSAGE,
} from "../../web/src/api/error-message.ts";

describe("messageFromErrorBody", () => {
  it.each([
    [
      "the API's error shape",
      '{"error":{"message":"question is too long","type":"invalid_request"}}',
      "question is too long",
    ],
    [
      "an error given as a string",
      '{"error":"k must be between 1 and 50"}',
      "k must be between 1 and 50",
    ],
    [
      "the error shape around whitespace",
      '\n  {"error":{"message":"No such paper"}}  \n',
      "No such paper",
    ],
    ["plain text", "Service Unavailable", "Service Unavailable"],
    ["plain text, trimmed", "  Bad gateway\n", "Bad gateway"],
  ])("reads %s", (_, body, expected) => {
    expect(messageFromErrorBody(body, 400)).toBe(expected);
  });

  it.each([
    ["an empty body", ""],
    ["a blank body", " \n\t"],
    ["an HTML error page", "<html><body><h1>502 Bad Gateway</h1></body></html>"],
  ])("names the status for %s", (_, body) => {
    expect(messageFromErrorBody(body, 502)).toBe("The server answered 502.");
    expect(messageFromErrorBody(body)).toBe("Something went wrong.");
  });

  it("gives the raw body when JSON lacks a readable message", () => {
    const body = '{"error":{"message":42}}';
    expect(messageFromErrorBody(body, 500)).toBe(body);
  });
});

describe("describeError", () => {
  it("says the server is down for the TypeError a failed fetch throws", async () => {
    const failed = await fetch("http://127.0.0.1:1/api/health").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TypeError);
    expect(describeError(failed)).toBe(SERVER_DOWN_MESSAGE);
  });

  it("reads the error body the chat transport puts in an Error's message", () => {
    const body = '{"error":{"message":"messages must not be empty","type":"invalid_request"}}';
    expect(describeError(new Error(body))).toBe("messages must not be empty");
  });

  it("keeps a plain Error's message, and reads thrown strings", () => {
    expect(describeError(new Error("The stream ended early."))).toBe("The stream ended early.");
    expect(describeError("Too many requests")).toBe("Too many requests");
  });

  it("does not show an HTML page or an empty message", () => {
    expect(describeError(new Error("<!doctype html><title>502</title>"))).toBe(
      "Something went wrong.",
    );
    expect(describeError(new Error(""))).toBe("Something went wrong.");
  });
});

describe("isApiKeyError", () => {
  const refusal = (code: string) =>
    JSON.stringify({ error: { message: "Missing API key.", type: "invalid_request_error", code } });

  it("recognises the server refusing a missing or wrong key, as the chat transport reports it", () => {
    expect(isApiKeyError(new Error(refusal("invalid_api_key")))).toBe(true);
  });

  it.each([
    ["another error code", new Error(refusal("rate_limited"))],
    ["an error without a code", new Error('{"error":{"message":"question is too long"}}')],
    ["a plain message", new Error("invalid_api_key")],
    ["a failed fetch", new TypeError("Failed to fetch")],
  ])("is false for %s", (_, error) => {
    expect(isApiKeyError(error)).toBe(false);
  });
});
