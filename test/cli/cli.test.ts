import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.ts";
import { main } from "../../src/cli/main.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { createApp } from "../../src/server/app.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import {
  BUNDLED_CORPUS,
  loadTinyEmbedder,
  papersOf,
  TINY_MODEL,
  tempDir,
} from "../support/tiny-index.ts";

const BIN = resolve(import.meta.dirname, "../../bin/paperchat.js");

/** Runs `paperchat` in-process with captured output. */
async function run(argv: string[], env: Record<string, string | undefined>, stdin = "") {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    readStdin: async () => stdin,
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("paperchat CLI", () => {
  const indexDir = tempDir();
  const env = {
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: indexDir,
  };

  beforeAll(async () => {
    const built = await run(["index", "--corpus", BUNDLED_CORPUS], env);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Indexed 70 papers and \d+ sentences/);
    expect(built.stderr).toMatch(/papers 70\/70 100%/);
  });

  it("index again: up to date, nothing embedded", async () => {
    const again = await run(["index", "--corpus", BUNDLED_CORPUS], env);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("up to date") });
  });

  it("index says why it rebuilds a built index before doing so", async () => {
    const own = { ...env, PAPERCHAT_INDEX_DIR: tempDir() };
    expect((await run(["index", "--corpus", BUNDLED_CORPUS], own)).code).toBe(0);
    const rebuilt = await run(
      ["index", "--corpus", BUNDLED_CORPUS, "--sentence-vectors", "separate"],
      own,
    );
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain(
      "paperchat: rebuilding the index with separate sentence vectors, as --sentence-vectors asks.",
    );
  });

  it("search --json prints the GET /api/search shape", async () => {
    const { code, stdout } = await run(["search", "LightGCN", "--k", "3", "--json"], env);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.query).toBe("LightGCN");
    expect(body.results).toHaveLength(3);
    expect(body.results[0]).toEqual({
      id: expect.stringMatching(/^lightgcn-/),
      title: expect.stringMatching(/^LightGCN/),
      score: expect.any(Number),
      snippets: expect.arrayContaining([
        {
          text: expect.any(String),
          start: expect.any(Number),
          end: expect.any(Number),
          score: expect.any(Number),
        },
      ]),
    });
  });

  it("similar --json prints the GET /api/papers/:id/similar shape without the paper itself", async () => {
    const papers = await papersOf(await openEmbeddedStore(indexDir));
    const id = papers[3]!.id;
    const { code, stdout } = await run(["similar", id, "--k", "4", "--json"], env);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.paper).toEqual({ id, title: papers[3]!.title });
    expect(body.results).toHaveLength(4);
    for (const r of body.results) expect(Object.keys(r).sort()).toEqual(["id", "score", "title"]);
    expect(body.results.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it("embed --json prints OpenAI-style vectors, from arguments or stdin", async () => {
    const args = await run(["embed", "graph networks", "object detection", "--json"], env);
    const body = JSON.parse(args.stdout);
    expect(body.data).toHaveLength(2);
    expect(body.data[1]).toMatchObject({ object: "embedding", index: 1 });
    expect(body.usage.prompt_tokens).toBeGreaterThan(2);
    const piped = await run(["embed"], env, "graph networks\n\nobject detection\n");
    expect(
      piped.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(body.data.map((d: { embedding: number[] }) => d.embedding));
  });

  it("embed --json prints what POST /v1/embeddings answers for the same texts", async () => {
    const texts = ["graph networks", "object detection"];
    const cli = await run(["embed", ...texts, "--json"], env);
    const embedder = await loadTinyEmbedder();
    const engine = createSearchEngine({ store: await openEmbeddedStore(indexDir), embedder });
    const response = await createApp({ engine, embedder }).request("/v1/embeddings", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: texts }),
    });
    expect(response.status).toBe(200);
    const printed = JSON.parse(cli.stdout);
    expect(printed).toEqual(await response.json());
    expect(printed.model).toBe("paperchat-tiny-bert");
  });

  it.each([
    [["search"], /search needs a question/],
    [["search", "x", "--k", "0"], /--k must be a whole number from 1 to 50/],
    [["search", "x", "--k", "abc"], /--k must be a whole number/],
    [["frobnicate"], /Unknown command "frobnicate"/],
    [["index", "--format", "xml"], /--format must be one of trending, jsonl, csv/],
    [["search", "x", "--nope"], /Unknown option '--nope'/],
    [["similar"], /exactly one PAPER_ID/],
    [["search", "x", "--year", "19"], /--year must be a year or a range of years/],
    [["search", "x", "--year", "2021-2019"], /--year must be a year or a range of years/],
    [["search", "x", "--category", "cs LG"], /--category must be a category name/],
  ])("usage mistake %j exits 2 with a hint", async (argv, message) => {
    const { code, stderr } = await run(argv, env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("--help");
  });

  it("failures exit 1 with what to do, no stack trace", async () => {
    const unknown = await run(["similar", "no-such-paper"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No paper with id "no-such-paper"');
    const noIndex = await run(["similar", "x"], { ...env, PAPERCHAT_INDEX_DIR: tempDir() });
    expect(noIndex).toMatchObject({ code: 1, stderr: expect.stringContaining("npm run index") });
    const noModel = await run(["index"], {
      ...env,
      PAPERCHAT_MODEL: "Xenova/all-MiniLM-L6-v2",
      PAPERCHAT_CACHE_DIR: tempDir(),
    });
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toContain("is not available offline");
    expect(noModel.stderr).not.toMatch(/\n\s+at /);
  });

  it("the bin runs, with --help exiting 0", async () => {
    const { stdout } = await promisify(execFile)("node", [BIN, "search", "--help"]);
    expect(stdout).toContain('paperchat search "QUESTION"');
    const general = await promisify(execFile)("node", [BIN, "--help"]);
    expect(general.stdout).toContain("Commands:");
  });
});

describe("paperchat CLI on an arXiv snapshot", () => {
  const arxivSample = resolve(import.meta.dirname, "../fixtures/arxiv-snapshot-sample.jsonl");
  const env = {
    PAPERCHAT_MODEL: TINY_MODEL,
    PAPERCHAT_OFFLINE: "1",
    PAPERCHAT_INDEX_DIR: tempDir(),
  };

  beforeAll(async () => {
    const built = await run(["index", "--corpus", arxivSample], env);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Indexed 4 papers/);
  });

  it("similar takes an old-style id with '/' as it is", async () => {
    const { code, stdout } = await run(["similar", "math/0501001", "--k", "3", "--json"], env);
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.paper).toEqual({
      id: "math/0501001",
      title: "Counting lattice paths under a moving boundary",
    });
    expect(body.results.map((r: { id: string }) => r.id).sort()).toEqual([
      "0704.0001",
      "2401.12345",
      "hep-th/9901001",
    ]);
  });

  it("similar --year and --category return only the neighbours that pass", async () => {
    const ids = async (...flags: string[]) => {
      const { code, stdout } = await run(["similar", "math/0501001", "--json", ...flags], env);
      expect(code).toBe(0);
      return (JSON.parse(stdout).results as { id: string }[]).map((r) => r.id).sort();
    };
    expect(await ids()).toHaveLength(3);
    expect(await ids("--year", "2005-2007")).toEqual(["0704.0001"]);
    expect(await ids("--year", "2024")).toEqual(["2401.12345"]);
    expect(await ids("--category", "hep-th")).toEqual(["hep-th/9901001"]);
  });

  it("search --year and --category return only the papers that pass, with their metadata", async () => {
    const question = "lattice paths diphoton strings retrieval";
    const ids = async (...flags: string[]) => {
      const { code, stdout } = await run(["search", question, "--json", ...flags], env);
      expect(code).toBe(0);
      return (JSON.parse(stdout).results as { id: string }[]).map((r) => r.id).sort();
    };
    expect(await ids()).toHaveLength(4);
    expect(await ids("--year", "2005-2007")).toEqual(["0704.0001", "math/0501001"]);
    expect(await ids("--year", "2024")).toEqual(["2401.12345"]);
    expect(await ids("--category", "hep-th", "--category", "cs.LG")).toEqual([
      "2401.12345",
      "hep-th/9901001",
    ]);
    expect(await ids("--year", "2000-2023", "--category", "math.PR")).toEqual(["math/0501001"]);

    const readable = await run(["search", question, "--category", "math.CO"], env);
    expect(readable.stdout).toContain(
      "id math/0501001 · score 1.000 · 2005 · math.CO math.PR · https://arxiv.org/abs/math/0501001",
    );
  });
});
