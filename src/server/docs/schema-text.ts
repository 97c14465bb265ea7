import type { SchemaShape } from "./openapi-shapes.ts";

/** Resolves `#/components/schemas/Name` references. */
export type SchemaLookup = (schema: SchemaShape) => SchemaShape;

/**
 * A resolver for one document's schema references.
 *
 * @example
 * const resolveRef = schemaLookup(document.components?.schemas ?? {});
 */
export function schemaLookup(schemas: Record<string, SchemaShape>): SchemaLookup {
  return (schema) => {
    const name = refName(schema);
    return name === undefined ? schema : (schemas[name] ?? schema);
  };
}

/** The component name a `$ref` points at. */
export function refName(schema: SchemaShape): string | undefined {
  return schema.$ref?.split("/").at(-1);
}

function bounds(low?: number, high?: number, unit = ""): string {
  if (low === undefined && high === undefined) return "";
  if (high === undefined) return ` ≥ ${low}${unit}`;
  if (low === undefined || low === 0) return ` ≤ ${high}${unit}`;
  return ` ${low}–${high}${unit}`;
}

/**
 * A short human description of a schema's type: `integer 1–50`, `string ≤ 4000 chars`,
 * `array of SearchResult`, `"float" | "base64"`.
 *
 * @example
 * schemaText({ type: "integer", minimum: 1, maximum: 50 }); // "integer 1–50"
 */
export function schemaText(schema: SchemaShape): string {
  const name = refName(schema);
  if (name) return name;
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(schemaText).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  if (type === "array") {
    const items = schema.items ? schemaText(schema.items) : "any";
    return `array of ${items}${bounds(schema.minItems, schema.maxItems, " items")}`;
  }
  if (type === "string") return `string${bounds(schema.minLength, schema.maxLength, " chars")}`;
  if (type === "integer" || type === "number")
    return `${type}${bounds(schema.minimum, schema.maximum)}`;
  return type;
}

/**
 * An example value for a schema: its example or default, else one built from its parts
 * (required properties and those with examples).
 *
 * @example
 * exampleOf(searchRequestSchema, lookup); // { query: "sparse bayesian neural networks", k: 10 }
 */
export function exampleOf(schema: SchemaShape, lookup: SchemaLookup, depth = 0): unknown {
  const resolved = lookup(schema);
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (depth > 4) return undefined;
  const options = resolved.anyOf ?? resolved.oneOf;
  if (options?.[0]) return exampleOf(options[0], lookup, depth + 1);
  if (resolved.enum) return resolved.enum[0];
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.properties) {
    const required = new Set(resolved.required ?? []);
    const entries = Object.entries(resolved.properties)
      .filter(([key, property]) => required.has(key) || lookup(property).example !== undefined)
      .map(([key, property]) => [key, exampleOf(property, lookup, depth + 1)]);
    return Object.fromEntries(entries);
  }
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  if (type === "array") return resolved.items ? [exampleOf(resolved.items, lookup, depth + 1)] : [];
  if (type === "integer" || type === "number") return resolved.minimum ?? 1;
  if (type === "boolean") return true;
  if (type === "string") return "text";
  return undefined;
}
