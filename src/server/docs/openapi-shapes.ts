/** The parts of an OpenAPI 3.1 document the docs page reads (a structural subset). */
export interface SchemaShape {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaShape;
  properties?: Record<string, SchemaShape>;
  required?: string[];
  anyOf?: SchemaShape[];
  oneOf?: SchemaShape[];
}

export interface ParameterShape {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaShape;
}

export interface MediaShape {
  schema?: SchemaShape;
}

export interface OperationShape {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: ParameterShape[];
  requestBody?: { content?: Record<string, MediaShape>; required?: boolean };
  responses?: Record<string, { description?: string; content?: Record<string, MediaShape> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiShape {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, OperationShape>>;
  components?: { schemas?: Record<string, SchemaShape> };
  security?: Record<string, string[]>[];
}
