import { z } from "@hono/zod-openapi";

export interface BoundedIntegerOptions {
  min: number;
  max: number;
  description?: string;
}

const message = ({ min, max }: BoundedIntegerOptions) =>
  `must be a whole number from ${min} to ${max}`;

/**
 * A whole number in `min..max` given as a query string value (`?k=5`).
 *
 * @example
 * z.object({ k: integerQuery({ min: 1, max: 50 }).default(10) });
 */
export function integerQuery(options: BoundedIntegerOptions) {
  const error = message(options);
  return z
    .string()
    .regex(/^\d{1,9}$/, { error })
    .transform(Number)
    .pipe(z.number().min(options.min, { error }).max(options.max, { error }))
    .openapi({
      type: "integer",
      minimum: options.min,
      maximum: options.max,
      description: options.description,
    });
}

/**
 * A whole number in `min..max` in a JSON body (`{"k": 5}`).
 *
 * @example
 * z.object({ k: integerField({ min: 1, max: 50 }).optional() });
 */
export function integerField(options: BoundedIntegerOptions) {
  const error = message(options);
  return z
    .number({ error })
    .int({ error })
    .min(options.min, { error })
    .max(options.max, { error })
    .openapi({ description: options.description });
}
