import type { ZodError } from "zod";
import { type ApiError, apiError } from "./api-error.ts";

type Issue = ZodError["issues"][number];
type Path = readonly PropertyKey[];

/** Where a value came from, as the message names it. */
const PLACES: Record<string, string> = {
  json: "body field",
  query: "query parameter",
  param: "path parameter",
  header: "header",
};

const ARTICLE = /^[aeiou]/;

function fieldName(path: Path): string {
  return path
    .map((key, i) =>
      typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join("");
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The issue that explains a failure best: for a union (`input` is a string or a list of
 * strings), the issue from the alternative the value was closest to.
 */
function explainingIssue(issue: Issue): { issue: Issue; path: Path } {
  if (issue.code !== "invalid_union" || issue.errors.length === 0)
    return { issue, path: issue.path };
  const wrongShape = (issues: readonly Issue[]) =>
    issues.every((inner) => inner.code === "invalid_type" && inner.path.length === 0);
  const closest = issue.errors.find((issues) => !wrongShape(issues));
  if (!closest?.[0]) return { issue, path: issue.path };
  const inner = explainingIssue(closest[0]);
  return { issue: inner.issue, path: [...issue.path, ...inner.path] };
}

/**
 * Turns a failed validation into a 400 whose message names the field and what it must be,
 * e.g. `query parameter "k" must be a whole number from 1 to 50`.
 *
 * @example
 * throw validationError(result.error, "query", c.req.query());
 */
export function validationError(error: ZodError, target: string, data: unknown): ApiError {
  const { issue, path } = explainingIssue(error.issues[0]!);
  const field = fieldName(path);
  const place = PLACES[target] ?? target;
  const where =
    field === "" ? "The request body" : `${place[0]!.toUpperCase()}${place.slice(1)} "${field}"`;
  let message: string;
  if (issue.code === "invalid_type" && valueAt(data, path) === undefined) {
    message = `${where} is required`;
  } else if (issue.code === "invalid_type") {
    const expected = String(issue.expected);
    message = `${where} must be ${ARTICLE.test(expected) ? "an" : "a"} ${expected}`;
  } else if (/^[a-z]/.test(issue.message)) {
    message = `${where} ${issue.message}`;
  } else {
    message = `${where} is invalid: ${issue.message}`;
  }
  return apiError("invalid_value", `${message}.`, field || undefined);
}
