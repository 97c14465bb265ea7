/** What the person typed, read as an API key: the key, or why it cannot be one. */
export type ParsedApiKey = { key: string } | { problem: string };

/** Printable ASCII: what reaches the server in a header exactly as typed (no line breaks). */
const HEADER_SAFE = /^[\x20-\x7E]+$/;

/**
 * Reads an API key typed or pasted into the key form: surrounding spaces and line breaks go;
 * an empty key, or one that would not reach the server intact in a header, is refused with a
 * sentence.
 *
 * @example
 * parseApiKey("  s3cret\n"); // { key: "s3cret" }
 * parseApiKey("");           // { problem: "Enter the API key." }
 */
export function parseApiKey(input: string): ParsedApiKey {
  const key = input.trim();
  if (!key) return { problem: "Enter the API key." };
  if (!HEADER_SAFE.test(key)) {
    return {
      problem:
        "An API key is one line of letters, digits and ASCII symbols; check that it was copied whole.",
    };
  }
  return { key };
}

/**
 * Request headers with `Authorization: Bearer <key>` added (replacing any there), or unchanged
 * when there is no key.
 *
 * @example
 * withApiKey({ accept: "application/json" }, "s3cret").get("authorization"); // "Bearer s3cret"
 */
export function withApiKey(headers: HeadersInit | undefined, key: string | null): Headers {
  const merged = new Headers(headers);
  if (key !== null) merged.set("authorization", `Bearer ${key}`);
  return merged;
}
