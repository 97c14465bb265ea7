import { parseJsonEventStream, uiMessageChunkSchema } from "ai";
import { z } from "zod";

/**
 * The response shapes of docs/api.md, written down independently of the server's own schemas
 * (which only document responses, never check them), so a reply can be judged well-formed.
 */

const Snippet = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  score: z.number(),
});

const PaperRef = z.object({ id: z.string().min(1), title: z.string() });

export const SearchResponse = z.object({
  query: z.string(),
  results: z.array(PaperRef.extend({ score: z.number(), snippets: z.array(Snippet) })).max(50),
});

export const SimilarResponse = z.object({
  paper: PaperRef,
  results: z.array(PaperRef.extend({ score: z.number() })).max(50),
});

export const PaperList = z.object({ total: z.number().int(), papers: z.array(PaperRef) });

export const Paper = PaperRef.extend({ abstract: z.string() });

export const Health = z.object({
  status: z.literal("ok"),
  papers: z.number().int(),
  model: z.string(),
  dims: z.number().int().positive(),
  semantic: z.boolean(),
});

export const Embeddings = z.object({
  object: z.literal("list"),
  data: z.array(
    z.object({
      object: z.literal("embedding"),
      index: z.number().int().nonnegative(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  model: z.string(),
  usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
});

export const ModelList = z.object({
  object: z.literal("list"),
  data: z.array(z.object({ id: z.string(), object: z.literal("model") })).min(1),
});

export const CollectionSummary = z.object({ name: z.string().min(1), papers: z.number().int() });

export const CollectionList = z.object({ collections: z.array(CollectionSummary) });

export const Collection = z.object({
  name: z.string().min(1),
  papers: z.array(PaperRef.extend({ missing: z.literal(true).optional() })),
});

export const AddedPapers = CollectionSummary.extend({ added: z.number().int().nonnegative() });

const RecommendResponse = z.object({
  ranking: z.enum(["nearness", "classifier", "lexical"]),
  results: z
    .array(
      PaperRef.extend({
        score: z.number().min(0).max(1),
        snippets: z.array(Snippet),
        near: z.array(z.string()).min(1).max(3),
      }),
    )
    .max(50),
});

export const ErrorBody = z.object({
  error: z.object({
    message: z.string().min(1),
    type: z.string().min(1),
    code: z.string().optional(),
  }),
});

/** What a reply is checked against: the corpus it must quote verbatim, and the model's size. */
export interface ServedFacts {
  /** Abstract of every paper, by id. */
  abstracts: ReadonlyMap<string, string>;
  dims: number;
}

/** Why `value` does not fit `schema`, or undefined when it does. */
function schemaProblem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".") || "(body)"}: ${issue.message}`;
}

/**
 * Problems with a search reply beyond its shape: results best first, known papers, and every
 * snippet verbatim (`abstract.slice(start, end) === text`).
 *
 * @example
 * searchProblems(body, facts); // [] when the reply keeps the contract
 */
export function searchProblems(body: unknown, facts: ServedFacts): string[] {
  const shape = schemaProblem(SearchResponse, body);
  if (shape) return [shape];
  const { results } = body as z.infer<typeof SearchResponse>;
  const problems: string[] = [];
  results.forEach((result, i) => {
    const abstract = facts.abstracts.get(result.id);
    if (abstract === undefined) problems.push(`results[${i}]: unknown paper ${result.id}`);
    if (i > 0 && result.score > results[i - 1]!.score) problems.push(`results[${i}]: out of order`);
    for (const snippet of result.snippets) {
      if (abstract?.slice(snippet.start, snippet.end) !== snippet.text) {
        problems.push(`results[${i}]: snippet is not verbatim: ${JSON.stringify(snippet.text)}`);
      }
    }
  });
  return problems;
}

/**
 * Problems with a recommendations reply: its shape, known papers best first, and every snippet
 * verbatim.
 *
 * @example
 * recommendProblems(body, facts);
 */
export function recommendProblems(body: unknown, facts: ServedFacts): string[] {
  const shape = schemaProblem(RecommendResponse, body);
  if (shape) return [shape];
  const { results } = body as z.infer<typeof RecommendResponse>;
  return searchProblems({ query: "", results }, facts);
}

/** The content types of the export formats, without parameters. */
const EXPORT_TYPES = [
  "application/x-bibtex",
  "application/x-research-info-systems",
  "application/vnd.citationstyles.csl+json",
];

/**
 * Problems with an export reply: a citation format's content type, an attachment, and (for
 * BibTeX and RIS) the first record's first line, if any.
 *
 * @example
 * exportProblems(await response.text(), response.headers);
 */
export function exportProblems(text: string, headers: Record<string, unknown>): string[] {
  const type = String(headers["content-type"]).split(";")[0]!;
  const problems: string[] = [];
  if (!EXPORT_TYPES.includes(type)) problems.push(`export content-type ${type}`);
  if (!String(headers["content-disposition"]).startsWith("attachment; filename=")) {
    problems.push("export is not an attachment");
  }
  // An empty collection is an empty file.
  const first = text === "" ? undefined : text.slice(0, 10);
  if (type === "application/x-bibtex" && first && !first.startsWith("@misc{")) {
    problems.push(`not BibTeX: ${JSON.stringify(first)}`);
  }
  if (type.endsWith("research-info-systems") && first && !first.startsWith("TY  - ")) {
    problems.push(`not RIS: ${JSON.stringify(first)}`);
  }
  if (type.endsWith("csl+json") && !Array.isArray(JSON.parse(text))) problems.push("not CSL-JSON");
  return problems;
}

/**
 * Problems with a similar-papers reply: its shape, known papers, never the paper itself.
 *
 * @example
 * similarProblems(body, facts);
 */
export function similarProblems(body: unknown, facts: ServedFacts): string[] {
  const shape = schemaProblem(SimilarResponse, body);
  if (shape) return [shape];
  const { paper, results } = body as z.infer<typeof SimilarResponse>;
  const problems: string[] = [];
  for (const result of results) {
    if (result.id === paper.id) problems.push(`lists the paper ${paper.id} itself`);
    if (!facts.abstracts.has(result.id)) problems.push(`unknown paper ${result.id}`);
  }
  return problems;
}

/**
 * Problems with an embeddings reply: its shape, `expected` vectors in input order, each of the
 * model's size and unit length (float lists or little-endian float32 base64).
 *
 * @example
 * embeddingsProblems(body, 2, facts);
 */
export function embeddingsProblems(
  body: unknown,
  expected: number | undefined,
  facts: ServedFacts,
): string[] {
  const shape = schemaProblem(Embeddings, body);
  if (shape) return [shape];
  const { data } = body as z.infer<typeof Embeddings>;
  const problems: string[] = [];
  if (expected !== undefined && data.length !== expected) {
    problems.push(`${data.length} vectors for ${expected} inputs`);
  }
  data.forEach((item, i) => {
    const vector =
      typeof item.embedding === "string"
        ? Array.from(new Float32Array(new Uint8Array(Buffer.from(item.embedding, "base64")).buffer))
        : item.embedding;
    const norm = Math.hypot(...vector);
    if (item.index !== i) problems.push(`data[${i}].index is ${item.index}`);
    if (vector.length !== facts.dims) problems.push(`data[${i}] has ${vector.length} dims`);
    if (!(Math.abs(norm - 1) < 1e-3)) problems.push(`data[${i}] has norm ${norm}`);
  });
  return problems;
}

/**
 * Problems with an `/api/chat` reply read as the AI SDK reads it: every event a valid UI message
 * chunk, no error chunk, a start and a finish, the stream closed by `[DONE]`.
 *
 * @example
 * await chatStreamProblems(await response.text());
 */
export async function chatStreamProblems(text: string): Promise<string[]> {
  const problems: string[] = [];
  const types = new Set<string>();
  const stream = parseJsonEventStream({
    stream: new Response(text).body!,
    schema: uiMessageChunkSchema,
  });
  for await (const result of stream) {
    if (!result.success) {
      problems.push(`invalid chunk ${JSON.stringify(result.rawValue)}`);
      continue;
    }
    types.add(result.value.type);
    if (result.value.type === "error") problems.push(`error chunk: ${result.value.errorText}`);
  }
  for (const type of ["start", "finish"]) {
    if (!types.has(type)) problems.push(`no ${type} chunk`);
  }
  if (!text.endsWith("data: [DONE]\n\n")) problems.push("not closed by [DONE]");
  return problems;
}

/**
 * Problems with an error reply: JSON in the contract's error shape.
 *
 * @example
 * errorProblems(await response.text(), response.headers.get("content-type"));
 */
export function errorProblems(text: string, contentType: string | null): string[] {
  if (!contentType?.startsWith("application/json")) return [`error content-type ${contentType}`];
  try {
    const problem = schemaProblem(ErrorBody, JSON.parse(text));
    return problem ? [problem] : [];
  } catch {
    return [`error body is not JSON: ${text.slice(0, 100)}`];
  }
}

/**
 * Shape problems for the JSON routes without extra rules.
 *
 * @example
 * shapeProblems(Health, body);
 */
export function shapeProblems(schema: z.ZodType, body: unknown): string[] {
  const problem = schemaProblem(schema, body);
  return problem ? [problem] : [];
}
