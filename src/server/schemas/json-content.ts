/**
 * An OpenAPI response (or body) entry for JSON of a schema.
 *
 * @example
 * createRoute({ ..., responses: { 200: jsonContent("The collection", CollectionSchema) } });
 */
export function jsonContent<T>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * An OpenAPI request body entry: required JSON of a schema.
 *
 * @example
 * createRoute({ ..., request: { body: jsonBody(CollectionNameBody) } });
 */
export function jsonBody<T>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}
