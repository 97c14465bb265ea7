import { z } from "@hono/zod-openapi";
import type { FilterFields } from "../../contract/filter-fields.ts";
import type { PaperFilter } from "../../contract/paper-filter.ts";
import { EARLIEST_YEAR, LATEST_YEAR } from "../../corpus/paper-metadata.ts";
import { integerField, integerQuery } from "./bounded-integer.ts";

/** Categories one request may filter by at most. */
export const MAX_FILTER_CATEGORIES = 20;

const YEAR_BOUNDS = { min: EARLIEST_YEAR, max: LATEST_YEAR };
const YEAR_FROM = "Only papers from this year on (inclusive); papers without a year are left out.";
const YEAR_TO = "Only papers up to this year (inclusive); papers without a year are left out.";
const CATEGORY_DESCRIPTION = `Only papers in at least one of these categories (exact, e.g. cs.LG; at most ${MAX_FILTER_CATEGORIES}); papers without categories are left out. The categories a corpus has are listed by GET /api/starters (facets).`;

const category = z.string().regex(/^\S{1,100}$/, {
  error: "must be a category name such as cs.LG (1 to 100 characters, no spaces)",
});
const categoryList = z
  .array(category)
  .min(1, { error: "must name at least one category" })
  .max(MAX_FILTER_CATEGORIES, {
    error: `must name at most ${MAX_FILTER_CATEGORIES} categories`,
  });
/** One category, or several (repeated query parameter, or a JSON list). */
const categories = z.union([category.transform((name) => [name]), categoryList]);

/**
 * Filter query parameters (`?year_from=2019&year_to=2021&category=cs.LG&category=stat.ML`), to
 * spread into a query schema (a reversed year range is read the right way round, see
 * {@link paperFilterOf}).
 *
 * @example
 * z.object({ q: z.string(), ...filterQueryFields() });
 */
export function filterQueryFields() {
  return {
    year_from: integerQuery({ ...YEAR_BOUNDS, description: YEAR_FROM }).optional(),
    year_to: integerQuery({ ...YEAR_BOUNDS, description: YEAR_TO }).optional(),
    category: categories.optional().openapi({
      description: `${CATEGORY_DESCRIPTION} Repeat the parameter for several.`,
      param: { style: "form", explode: true },
      example: ["cs.LG"],
    }),
  };
}

/**
 * Filter fields of a JSON body (`{"year_from": 2019, "category": ["cs.LG"]}`), to spread into a
 * body schema.
 *
 * @example
 * z.object({ query: z.string(), ...filterBodyFields() });
 */
export function filterBodyFields() {
  return {
    year_from: integerField({ ...YEAR_BOUNDS, description: YEAR_FROM }).optional(),
    year_to: integerField({ ...YEAR_BOUNDS, description: YEAR_TO }).optional(),
    category: categories.optional().openapi({
      description: `${CATEGORY_DESCRIPTION} A name or a list of names.`,
      example: ["cs.LG"],
    }),
  };
}

/**
 * The store's filter from validated request fields. A reversed year range (`year_from` after
 * `year_to`) is read the right way round: 2021 to 2019 is 2019 to 2021.
 *
 * @example
 * paperFilterOf({ year_from: 2019, category: ["cs.LG"] }); // { yearFrom: 2019, categories: ["cs.LG"] }
 * paperFilterOf({ year_from: 2021, year_to: 2019 }); // { yearFrom: 2019, yearTo: 2021 }
 */
export function paperFilterOf(fields: FilterFields): PaperFilter {
  const filter: PaperFilter = {};
  const { year_from: from, year_to: to } = fields;
  const reversed = from !== undefined && to !== undefined && from > to;
  if (from !== undefined) filter.yearFrom = reversed ? to : from;
  if (to !== undefined) filter.yearTo = reversed ? from : to;
  if (fields.category !== undefined) filter.categories = fields.category;
  return filter;
}
