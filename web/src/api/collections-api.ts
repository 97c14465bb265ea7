import type {
  AddedPapers,
  Collection,
  CollectionList,
  CollectionSummary,
  RecommendResponse,
} from "@contract/collections.ts";
import type { ExportFormat } from "@contract/export-format.ts";
import type { FilterFields } from "@contract/filter-fields.ts";
import { requestJson } from "./request-json.ts";

/** A collection's path, its name percent-encoded as one segment. */
export const collectionPath = (name: string, rest = "") =>
  `/api/collections/${encodeURIComponent(name)}${rest}`;

const send = <T>(path: string, method: string, body?: unknown) =>
  requestJson<T>(path, {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });

/** A query string of the filter fields that are set (`category` repeated). */
function filterQuery(filter: FilterFields): string {
  const query = new URLSearchParams();
  if (filter.year_from !== undefined) query.set("year_from", String(filter.year_from));
  if (filter.year_to !== undefined) query.set("year_to", String(filter.year_to));
  for (const category of filter.category ?? []) query.append("category", category);
  return query.size > 0 ? `&${query}` : "";
}

/**
 * The collections API as the page calls it (docs/api.md, "Collections"); every call throws an
 * `Error` whose message can be shown as is (see {@link requestJson}).
 *
 * @example
 * await collectionsApi.add("Reading", paper.id);
 */
export const collectionsApi = {
  list: () => requestJson<CollectionList>("/api/collections"),
  get: (name: string) => requestJson<Collection>(collectionPath(name)),
  create: (name: string) => send<CollectionSummary>("/api/collections", "POST", { name }),
  rename: (name: string, to: string) =>
    send<CollectionSummary>(collectionPath(name), "PATCH", { name: to }),
  delete: (name: string) => send<undefined>(collectionPath(name), "DELETE"),
  add: (name: string, id: string) =>
    send<AddedPapers>(collectionPath(name, "/papers"), "POST", { id }),
  remove: (name: string, id: string) =>
    send<undefined>(collectionPath(name, `/papers/${encodeURIComponent(id)}`), "DELETE"),
  recommend: (name: string, k: number, filter: FilterFields, signal?: AbortSignal) =>
    requestJson<RecommendResponse>(
      collectionPath(name, `/recommend?k=${k}${filterQuery(filter)}`),
      {
        signal,
      },
    ),
  exportPath: (name: string, format: ExportFormat) =>
    collectionPath(name, `/export?format=${format}`),
};
