import type { RawRequest } from "./raw-http.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** A generated request, with what the judge needs to know about it. */
export interface FuzzRequest extends RawRequest {
  /** Larger than the server's body limit: a 413, or a reset while it is still being sent. */
  oversize: boolean;
}

export interface FuzzOptions {
  /** Real paper ids, so that some requests reach the code behind a valid id. */
  ids: readonly string[];
  /** The server's body limit, to send a few bodies beyond it. */
  maxBodyBytes: number;
}

/** Words that break code which treats text as object keys, numbers, paths or markup. */
const DICTIONARY = [
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "then",
  "NaN",
  "Infinity",
  "-0",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "../",
  "..\\",
  "%00",
  "%",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "$" + "{7*7}", // template injection
  "{{7*7}}",
  "graph neural networks",
  "sparse bayesian neural networks",
  "LightGCN",
];

const CHAR_CLASSES: ((random: SeededRandom) => string)[] = [
  (random) => String.fromCharCode(random.int(0x20, 0x7e)),
  (random) => String.fromCharCode(random.int(0x61, 0x7a)).repeat(random.int(1, 8)),
  (random) => String.fromCharCode(random.int(0, 0x1f)),
  () => "\u007f",
  (random) => String.fromCharCode(random.int(0xd800, 0xdfff)), // a lone surrogate
  (random) => String.fromCodePoint(random.int(0x1f300, 0x1faff)), // emoji (a surrogate pair)
  (random) => String.fromCodePoint(random.int(0x10000, 0x10ffff)),
  (random) => random.pick(["\u0301", "\u200b", "\u200e", "\u202e", "\ufeff", "\u2028", "\uffff"]),
  (random) => String.fromCharCode(random.int(0x0590, 0x06ff)), // Hebrew, Arabic
  (random) => String.fromCharCode(random.int(0x4e00, 0x9fff)),
  (random) => random.pick(DICTIONARY),
  () => " ",
];

/**
 * Random text from a mix of character classes: ASCII, control characters, lone surrogates,
 * astral characters, invisible and direction marks, and dictionary words.
 *
 * @example
 * randomText(random, 40);
 */
export function randomText(random: SeededRandom, maxLength: number): string {
  const length = random.chance(0.05)
    ? random.int(maxLength, maxLength * 4)
    : random.int(0, maxLength);
  let text = "";
  while (text.length < length) text += random.pick(CHAR_CLASSES)(random);
  return text;
}

/** JSON number literals, including ones JavaScript cannot hold exactly or at all. */
const NUMBER_LITERALS = [
  "0",
  "-0",
  "1",
  "-1",
  "5",
  "50",
  "51",
  "1.5",
  "1e2",
  "1E-7",
  "1e308",
  "-1e308",
  "1e999",
  "-1e999",
  "5e-324",
  "9007199254740993",
  "123456789012345678901234567890",
  "4294967297",
  "0.30000000000000004",
];

/** A JSON value, written as text so it can hold duplicate keys and out-of-range literals. */
type JsonText = string;

function randomNumber(random: SeededRandom): JsonText {
  return random.chance(0.6) ? random.pick(NUMBER_LITERALS) : String(random.int(-100, 1000));
}

/** Nesting this deep, written directly (no recursion): 12,000 levels of arrays or objects. */
function deeplyNested(random: SeededRandom): JsonText {
  const depth = random.int(100, 12_000);
  return random.chance(0.5)
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

const FIELD_NAMES = [
  "query",
  "k",
  "messages",
  "role",
  "parts",
  "type",
  "text",
  "id",
  "input",
  "model",
  "encoding_format",
  "dimensions",
  "user",
  "name",
  "ids",
  "__proto__",
  "constructor",
];

/**
 * A random JSON value as text: scalars, odd numbers, random strings, arrays and objects
 * (sometimes with repeated keys), and now and then very deep nesting.
 *
 * @example
 * randomJson(random, 3); // e.g. '{"k":[1e999,null],"__proto__":"\\ud800"}'
 */
export function randomJson(random: SeededRandom, depth: number): JsonText {
  const kind = random.int(0, depth > 0 ? 9 : 5);
  switch (kind) {
    case 0:
      return "null";
    case 1:
      return random.pick(["true", "false"]);
    case 2:
    case 3:
      return randomNumber(random);
    case 4:
    case 5:
      return JSON.stringify(randomText(random, 30));
    case 6:
    case 7: {
      const items = Array.from({ length: random.int(0, 5) }, () => randomJson(random, depth - 1));
      return `[${items.join(",")}]`;
    }
    case 8: {
      const entries = Array.from({ length: random.int(0, 5) }, () => {
        const key = random.chance(0.6) ? random.pick(FIELD_NAMES) : randomText(random, 10);
        return `${JSON.stringify(key)}:${randomJson(random, depth - 1)}`;
      });
      return `{${entries.join(",")}}`;
    }
    default:
      return random.chance(0.2) ? deeplyNested(random) : randomJson(random, depth - 1);
  }
}

/**
 * Draws for one request. `validity` (chosen per request) is how often a field gets a plausible
 * value rather than random JSON: some requests are nearly valid and reach the code behind the
 * validators, others are broken everywhere.
 */
interface Draw {
  random: SeededRandom;
  validity: number;
  /** Real paper ids, for bodies that name papers. */
  ids: readonly string[];
}

/** A value for a field: plausible with probability `validity`, else random JSON. */
function field({ random, validity }: Draw, plausible: () => JsonText): JsonText {
  return random.chance(validity) ? plausible() : randomJson(random, 2);
}

/** Text a person might send, now and then laced with odd characters. */
function plausibleText(random: SeededRandom): string {
  const phrase = random.pick(DICTIONARY);
  return random.chance(0.5) ? phrase : `${phrase} ${randomText(random, 40)}`;
}

const text = (random: SeededRandom) => JSON.stringify(plausibleText(random));

function chatMessage(draw: Draw, role?: string): JsonText {
  const { random } = draw;
  const part = () =>
    random.chance(0.9)
      ? `{"type":${field(draw, () => '"text"')},"text":${field(draw, () => text(random))}}`
      : randomJson(random, 2);
  const fields = [
    `"id":${field(draw, () => JSON.stringify(`m${random.int(0, 99)}`))}`,
    `"role":${field(draw, () => JSON.stringify(role ?? random.pick(["user", "assistant", "system"])))}`,
    `"parts":${field(draw, () => `[${Array.from({ length: random.int(1, 3) }, part).join(",")}]`)}`,
  ];
  return `{${fields.filter(() => random.chance(draw.validity)).join(",")}}`;
}

const plausibleK = (random: SeededRandom) =>
  random.chance(0.8) ? String(random.int(1, 50)) : random.pick(NUMBER_LITERALS);

/** Collection names that requests share, so that some create what others then use. */
const COLLECTION_NAMES = ["Reading", "Graph recs", "Reading/2024", "Émile 😀", "reading"];

const collectionName = (draw: Draw) =>
  field(draw, () => JSON.stringify(draw.random.pick(COLLECTION_NAMES)));

const paperIdList = (draw: Draw) => {
  const { random } = draw;
  const ids = () => field(draw, () => JSON.stringify(random.pick(draw.ids)));
  return `[${Array.from({ length: random.int(0, 4) }, ids).join(",")}]`;
};

/** Bodies shaped like each route's, with fields dropped, added or of the wrong kind. */
const BODY_SHAPES: Record<string, (draw: Draw) => JsonText> = {
  "/api/collections": (draw) => `{"name":${collectionName(draw)}}`,
  "/api/collections/{name}": (draw) => `{"name":${collectionName(draw)}}`,
  "/api/collections/{name}/papers": (draw) =>
    draw.random.chance(0.5)
      ? `{"id":${field(draw, () => JSON.stringify(draw.random.pick(draw.ids)))}}`
      : `{"ids":${field(draw, () => paperIdList(draw))}}`,
  "/api/export": (draw) => `{"ids":${field(draw, () => paperIdList(draw))}}`,
  "/api/search": (draw) => {
    const k = draw.random.chance(0.6) ? `,"k":${field(draw, () => plausibleK(draw.random))}` : "";
    return `{"query":${field(draw, () => text(draw.random))}${k}}`;
  },
  "/api/chat": (draw) => {
    const { random } = draw;
    const history = Array.from({ length: random.int(0, 4) }, () => chatMessage(draw));
    const messages = field(draw, () => `[${[...history, chatMessage(draw, "user")].join(",")}]`);
    const k = random.chance(0.3) ? `,"k":${field(draw, () => plausibleK(random))}` : "";
    const extra = random.chance(0.3) ? `,"trigger":"submit-message","id":"chat-1"` : "";
    return `{"messages":${messages}${k}${extra}}`;
  },
  "/v1/embeddings": (draw) => {
    const { random } = draw;
    const texts = () =>
      `[${Array.from({ length: random.int(1, 12) }, () => field(draw, () => text(random))).join(",")}]`;
    const optional = [
      `"model":${field(draw, () => JSON.stringify(random.pick(["paperchat-tiny-bert", "text-embedding-3-small", ""])))}`,
      `"encoding_format":${field(draw, () => JSON.stringify(random.pick(["float", "base64", "FLOAT"])))}`,
      `"dimensions":${field(draw, () => random.pick(["48", "384", "0", "-1"]))}`,
      `"user":${field(draw, () => text(random))}`,
    ].filter(() => random.chance(0.25));
    const input = field(draw, () => (random.chance(0.5) ? text(random) : texts()));
    return `{${[`"input":${input}`, ...optional].join(",")}}`;
  },
};

/** The routes of docs/api.md with their method, those with bodies more often; `{name}` and `{id}` are filled in per request. */
const ROUTES: [string, string][] = [
  ["GET", "/api/health"],
  ["GET", "/api/search"],
  ["POST", "/api/search"],
  ["POST", "/api/search"],
  ["GET", "/api/papers"],
  ["GET", "/api/papers/{id}"],
  ["GET", "/api/papers/{id}/similar"],
  ["POST", "/api/chat"],
  ["POST", "/api/chat"],
  ["POST", "/api/chat"],
  ["POST", "/v1/embeddings"],
  ["POST", "/v1/embeddings"],
  ["GET", "/v1/models"],
  ["GET", "/api/collections"],
  ["POST", "/api/collections"],
  ["POST", "/api/collections"],
  ["GET", "/api/collections/{name}"],
  ["PATCH", "/api/collections/{name}"],
  ["DELETE", "/api/collections/{name}"],
  ["POST", "/api/collections/{name}/papers"],
  ["POST", "/api/collections/{name}/papers"],
  ["DELETE", "/api/collections/{name}/papers/{id}"],
  ["GET", "/api/collections/{name}/recommend"],
  ["GET", "/api/collections/{name}/export"],
  ["POST", "/api/export"],
  ["GET", "/openapi.json"],
  ["GET", "/docs"],
  ["GET", "/"],
  ["GET", "/assets/app-1234.js"],
];

const QUERY_KEYS: Record<string, string[]> = {
  "/api/search": ["q", "k"],
  "/api/papers": ["offset", "limit"],
  "/api/papers/{id}/similar": ["k"],
  "/api/collections/{name}/recommend": ["k", "year_from", "category"],
  "/api/collections/{name}/export": ["format"],
  "/api/export": ["format"],
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const CONTENT_TYPES = [
  "application/json",
  "application/json",
  "application/json",
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "*/*",
  "application/json; boundary=",
];

/**
 * Percent-encodes text the way a careless client might: UTF-8 bytes, lone surrogates as the
 * invalid bytes they would be (ED A0 80), and now and then raw invalid escapes.
 */
function percentEncode(random: SeededRandom, value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else if (/[A-Za-z0-9\-_.~]/.test(char)) {
      out += char;
    } else {
      out += [...Buffer.from(char, "utf8")]
        .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
        .join("");
    }
  }
  if (random.chance(0.05)) out += random.pick(["%", "%g", "%E0%A4", "%ff%fe", "%00", "%2", "+"]);
  return out;
}

function queryValue(draw: Draw, key: string): string {
  const { random } = draw;
  if (key === "format" && random.chance(draw.validity)) {
    return random.pick(["bibtex", "ris", "csl-json"]);
  }
  if (key === "year_from" && random.chance(draw.validity)) return String(random.int(2010, 2030));
  if (["k", "offset", "limit"].includes(key)) {
    return random.chance(draw.validity)
      ? plausibleK(random)
      : random.pick([...NUMBER_LITERALS, "", "abc", "1%00", "%205", "5%20", "0x10", "1_000", "+5"]);
  }
  return percentEncode(
    random,
    random.chance(draw.validity) ? plausibleText(random) : randomText(random, 40),
  );
}

function queryString(draw: Draw, template: string): string {
  const { random } = draw;
  const known = QUERY_KEYS[template] ?? [];
  const keys = known.filter(() => random.chance(0.8));
  if (random.chance(0.2)) keys.push(random.pick([...known, "x", "k[]", "q[0]", "__proto__", ""]));
  if (random.chance(0.1) && keys.length > 0) keys.push(random.pick(keys)); // a repeated key
  if (keys.length === 0) return random.chance(0.1) ? "?" : "";
  const pairs = keys.map((key) => (random.chance(0.05) ? key : `${key}=${queryValue(draw, key)}`));
  return `?${pairs.join(random.chance(0.05) ? "&&" : "&")}`;
}

/** A collection name for a path: mostly one requests share, percent-encoded, else random text. */
function collectionPathName(random: SeededRandom): string {
  if (random.chance(0.7)) return encodeURIComponent(random.pick(COLLECTION_NAMES));
  return percentEncode(random, randomText(random, 30)) || "%20";
}

function paperId(random: SeededRandom, ids: readonly string[]): string {
  if (random.chance(0.4)) return random.pick(ids);
  if (random.chance(0.1)) return "a".repeat(random.int(300, 20_000));
  return percentEncode(random, randomText(random, 30)) || "%20";
}

/** A path no route serves, or one of the routes' spelled another way. */
function strayPath(random: SeededRandom): string {
  return random.pick([
    "/API/SEARCH?q=x",
    "/api/search/",
    "//api/search?q=x",
    "/api/papers/",
    "/api//papers",
    "/api/papers/x/similar/",
    "/api/papers/x/y/z",
    "/v1/embeddings/",
    "/v1",
    "/api",
    "/api/",
    "/v2/embeddings",
    "/api/chat/stream",
    "/%61pi/search?q=x",
    "/api/%2e%2e/v1/models",
    "/assets/",
    "/assets/missing.js",
    "/.env",
    "/%2e%2e/package.json",
    "/index.html",
    `/${percentEncode(random, randomText(random, 20))}`,
  ]);
}

/**
 * One malformed (or sometimes valid) request: a route's path or a stray one, often with another
 * method, query strings and ids of random bytes and unicode, and bodies of random JSON, mutated
 * route bodies, invalid UTF-8, truncated JSON, or beyond the body limit.
 *
 * @example
 * const request = malformedRequest(seededRandom(7), { ids, maxBodyBytes: 2 ** 21 });
 */
export function malformedRequest(random: SeededRandom, options: FuzzOptions): FuzzRequest {
  const draw: Draw = { random, validity: random.pick([0.5, 0.9, 0.98]), ids: options.ids };
  const stray = random.chance(0.08);
  const [routeMethod, template] = random.pick(ROUTES);
  const path = stray
    ? strayPath(random)
    : template
        .replace("{name}", () => collectionPathName(random))
        .replace("{id}", () => paperId(random, options.ids)) + queryString(draw, template);
  const method = random.chance(0.8) ? routeMethod : random.pick(METHODS);
  const headers: Record<string, string> = {};
  if (random.chance(0.9)) headers["content-type"] = random.pick(CONTENT_TYPES);
  if (random.chance(0.05)) headers["content-encoding"] = random.pick(["gzip", "br", "identity"]);
  if (random.chance(0.05)) headers.accept = random.pick(["text/event-stream", "*/*", "image/png"]);
  if (random.chance(0.05))
    headers.authorization = `Bearer ${randomText(random, 10).replace(/[^\x21-\x7e]/g, "x")}`;

  if (method === "GET" || method === "HEAD" || random.chance(0.05)) {
    return { method, path, headers, oversize: false };
  }
  const oversize = random.chance(0.01);
  const body = oversize
    ? new Uint8Array(options.maxBodyBytes + random.int(1, 4096)).fill(0x20)
    : bodyBytes(draw, BODY_SHAPES[template]);
  return { method, path, headers, body, oversize };
}

function bodyBytes(draw: Draw, shape?: (draw: Draw) => JsonText): Uint8Array {
  const { random } = draw;
  const json = shape && random.chance(0.8) ? shape(draw) : randomJson(random, 4);
  const roll = random.next();
  if (roll < 0.05) return Uint8Array.from({ length: random.int(0, 200) }, () => random.int(0, 255));
  if (roll < 0.1) return Buffer.from(json.slice(0, random.int(0, json.length)), "utf8");
  if (roll < 0.13) return Buffer.from(`\ufeff${json}`, "utf8");
  if (roll < 0.16) return Buffer.from(json, "utf16le");
  if (roll < 0.19)
    return Buffer.concat([Buffer.from(json, "utf8"), Buffer.from([0xed, 0xa0, 0x80])]);
  return Buffer.from(json, "utf8");
}
