import { parseArgs } from "node:util";
import { EXPORT_FORMATS, type ExportFormat, isExportFormat } from "../contract/export-format.ts";
import type { PaperFilter } from "../contract/paper-filter.ts";
import type { CorpusFormat } from "../corpus/types.ts";
import { MODEL_DTYPES, type ModelDtype } from "../embed/model-source.ts";
import { parseCorpusPart } from "../indexing/corpus-part.ts";
import { MAX_K } from "../search/max-k.ts";
import type { SettingsOverrides } from "../settings/settings.ts";
import type { SentenceVectorMode } from "../store/sentence-vectors.ts";
import type { CorpusPart } from "../store/store-location.ts";
import { COMMAND_HELP } from "./help.ts";
import { UsageError } from "./usage-error.ts";

/** A parsed command line: the command, its positional arguments and its options. */
export interface CommandLine {
  command: string | undefined;
  positionals: string[];
  overrides: SettingsOverrides;
  k?: number;
  json: boolean;
  force: boolean;
  format?: CorpusFormat;
  /** `export --format bibtex|ris|csl-json`. */
  exportFormat?: ExportFormat;
  /** `export --collection NAME`: the papers of a collection. */
  collection?: string;
  /** How `index` makes sentence vectors (`--sentence-vectors pooled|separate`). */
  sentenceVectors?: SentenceVectorMode;
  /** `index --part I/N`: this worker's share of the corpus (a cluster store only). */
  part?: CorpusPart;
  /** `index --publish`: put a build written in parts in force. */
  publish: boolean;
  /** `model import --quantize int8`: also write the int8 encoder. */
  quantize?: "int8";
  port?: number;
  host?: string;
  /** `search --year 2019|2019-2021 --category cs.LG...`: which papers may be returned. */
  filter: PaperFilter;
  help: boolean;
  version: boolean;
}

/** The options every command takes (`paperchat --help`, "Options for every command"). */
export const COMMON_OPTIONS = [
  "model",
  "dtype",
  "offline",
  "index-dir",
  "store",
  "store-prefix",
  "corpus",
  "help",
  "version",
] as const;

/** The options of each command beyond the common ones, as its usage line names them. */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  start: ["port", "host"],
  serve: ["port", "host"],
  index: ["format", "force", "sentence-vectors", "json", "part", "publish"],
  search: ["k", "year", "category", "json"],
  similar: ["k", "year", "category", "json"],
  embed: ["json"],
  collection: ["json"],
  export: ["collection", "format"],
  model: ["quantize"],
};

/** Refuses an option the command does not take, naming the commands that do. */
function refuseStrayOptions(command: string, given: readonly string[]): void {
  const own = new Set<string>([...COMMON_OPTIONS, ...(COMMAND_OPTIONS[command] ?? [])]);
  const stray = given.find((name) => !own.has(name));
  if (stray === undefined) return;
  const takers = Object.keys(COMMAND_OPTIONS).filter((c) => COMMAND_OPTIONS[c]!.includes(stray));
  throw new UsageError(
    `paperchat ${command} does not take --${stray} (${takers.join(", ")} ${takers.length > 1 ? "do" : "does"}).`,
  );
}

const FORMATS: readonly CorpusFormat[] = ["trending", "jsonl", "csv"];
const SENTENCE_VECTORS: readonly SentenceVectorMode[] = ["pooled", "separate"];
const QUANTIZATIONS = ["int8"] as const;

function integerOption(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
}

/** `--year 2019` or `--year 2019-2021` as a year range. */
function yearRange(value: string | undefined): Pick<PaperFilter, "yearFrom" | "yearTo"> {
  if (value === undefined) return {};
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  const from = Number(match?.[1]);
  const to = Number(match?.[2] ?? match?.[1]);
  if (!match || from > to) {
    throw new UsageError(
      `--year must be a year or a range of years, like 2019 or 2019-2021, got "${value}".`,
    );
  }
  return { yearFrom: from, yearTo: to };
}

function categoryFilter(values: string[] | undefined): Pick<PaperFilter, "categories"> {
  if (values === undefined) return {};
  for (const value of values) {
    if (!/^\S{1,100}$/.test(value)) {
      throw new UsageError(
        `--category must be a category name such as cs.LG (no spaces), got "${value}".`,
      );
    }
  }
  return { categories: values };
}

/**
 * Parses `paperchat` arguments; throws `UsageError` for unknown flags or bad values.
 *
 * @example
 * parseCommandLine(["search", "graph networks", "--k", "5", "--json"]);
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (command !== undefined && !(command in COMMAND_HELP)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  if (command !== undefined) refuseStrayOptions(command, Object.keys(values));
  // `export --format` names a citation format; every other command's, a corpus format.
  const exporting = command === "export";
  const formats: readonly string[] = exporting ? EXPORT_FORMATS : FORMATS;
  if (values.format !== undefined && !formats.includes(values.format)) {
    throw new UsageError(`--format must be one of ${formats.join(", ")}, got "${values.format}".`);
  }
  const sentenceVectors = values["sentence-vectors"] as SentenceVectorMode | undefined;
  if (sentenceVectors !== undefined && !SENTENCE_VECTORS.includes(sentenceVectors)) {
    throw new UsageError(
      `--sentence-vectors must be one of ${SENTENCE_VECTORS.join(", ")}, got "${sentenceVectors}".`,
    );
  }
  const part = values.part === undefined ? undefined : parseCorpusPart(values.part);
  if (values.part !== undefined && !part) {
    throw new UsageError(
      `--part must be I/N, this worker's share I of N (1 ≤ I ≤ N), like 2/4, got "${values.part}".`,
    );
  }
  const dtype = values.dtype as ModelDtype | undefined;
  if (dtype !== undefined && !MODEL_DTYPES.includes(dtype)) {
    throw new UsageError(`--dtype must be one of ${MODEL_DTYPES.join(", ")}, got "${dtype}".`);
  }
  const quantize = values.quantize as "int8" | undefined;
  if (quantize !== undefined && !QUANTIZATIONS.includes(quantize)) {
    throw new UsageError(`--quantize must be ${QUANTIZATIONS.join(", ")}, got "${quantize}".`);
  }
  return {
    command,
    positionals: rest,
    overrides: {
      model: values.model,
      dtype,
      offline: values.offline,
      indexDir: values["index-dir"],
      corpusFiles: values.corpus,
      store: values.store,
      storePrefix: values["store-prefix"],
    },
    ...(part ? { part } : {}),
    publish: values.publish ?? false,
    k: integerOption("k", values.k, 1, MAX_K),
    json: values.json ?? false,
    force: values.force ?? false,
    format: exporting ? undefined : (values.format as CorpusFormat | undefined),
    exportFormat:
      exporting && values.format && isExportFormat(values.format) ? values.format : undefined,
    collection: values.collection,
    sentenceVectors,
    quantize,
    port: integerOption("port", values.port, 0, 65535),
    host: values.host,
    filter: { ...yearRange(values.year), ...categoryFilter(values.category) },
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      model: { type: "string" },
      dtype: { type: "string" },
      offline: { type: "boolean" },
      "index-dir": { type: "string" },
      store: { type: "string" },
      "store-prefix": { type: "string" },
      part: { type: "string" },
      publish: { type: "boolean" },
      corpus: { type: "string", multiple: true },
      format: { type: "string" },
      collection: { type: "string" },
      "sentence-vectors": { type: "string" },
      quantize: { type: "string" },
      k: { type: "string" },
      json: { type: "boolean" },
      force: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      year: { type: "string" },
      category: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
