import { z } from "@hono/zod-openapi";

/** JavaScript's whitespace (what `String.prototype.trim` removes), spelled out so that every regex dialect reading the document agrees. */
const NON_BLANK = /[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Characters as JSON Schema's `maxLength` counts them: code points, so an emoji is one (it is
 * two in `String.length`).
 *
 * @example
 * characterCount("a😀"); // 2
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export interface BoundedTextOptions {
  /** Most characters (code points). */
  max: number;
  /** The message when the text is longer, e.g. "must be at most 4000 characters". */
  error: string;
}

/**
 * A string of at most `max` characters, counted as the OpenAPI document's `maxLength` says.
 *
 * @example
 * z.object({ input: boundedText({ max: 4000, error: "must be at most 4000 characters" }) });
 */
export function boundedText({ max, error }: BoundedTextOptions) {
  return z
    .string()
    .refine((text) => characterCount(text) <= max, { error })
    .openapi({ maxLength: max });
}

/**
 * A text with something besides whitespace in it, at most `max` characters, trimmed once valid.
 * The document says it with `pattern` (one character that is not whitespace) and `maxLength`.
 *
 * @example
 * nonBlankText({ max: 4000, error: "must be at most 4000 characters" }).parse("  gans "); // "gans"
 */
export function nonBlankText(options: BoundedTextOptions) {
  return boundedText(options)
    .regex(NON_BLANK, { error: "must not be empty" })
    .overwrite((text) => text.trim());
}
