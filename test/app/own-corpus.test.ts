import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSearchEngine } from "../../src/app/open-search-engine.ts";
import { resolveSettings } from "../../src/settings/settings.ts";
import { readManifest } from "../../src/store/embedded/manifest-file.ts";
import { spawnPaperchat } from "../reliability/support/paperchat-process.ts";
import { BUNDLED_CORPUS, TINY_MODEL, tempDir } from "../support/tiny-index.ts";

/** A user's own corpus: papers of their own, none of the bundled ones. */
function userCorpus(dir: string, count = 12): string {
  const file = join(dir, "my-papers.jsonl");
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `mine-${i}`,
      title: `Protein folding study number ${i} with lattice models`,
      abstract: `We fold protein ${i} on a lattice. The energy landscape of chain ${i} is rugged.`,
    }),
  );
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** Paperchat's environment for the tiny model, offline, with the index in `indexDir`. */
function tinyEnv(indexDir: string): Record<string, string> {
  return { PAPERCHAT_MODEL: TINY_MODEL, PAPERCHAT_OFFLINE: "1", PAPERCHAT_INDEX_DIR: indexDir };
}

/** Opens the engine as `npm start` does (build allowed), recording the lines it prints. */
async function start(env: Record<string, string>) {
  const notices: string[] = [];
  const degraded: string[] = [];
  const opened = await openSearchEngine({
    settings: resolveSettings(env),
    build: true,
    onNotice: (line) => notices.push(line),
    onDegraded: (error) => degraded.push(error.message),
  });
  opened.engine.store.close();
  return { ...opened, notices, degraded };
}

describe("the index owns its corpus", () => {
  it("survives start, search and serve without --corpus, never replaced by the bundled corpus", async () => {
    const dir = tempDir();
    const corpus = userCorpus(dir);
    const indexDir = join(dir, "index");
    const env = tinyEnv(indexDir);
    const built = await spawnPaperchat(["index", "--corpus", corpus, "--json"], env).ended;
    expect(built.code, built.stderr).toBe(0);
    const generation = (await readManifest(indexDir)).generation;

    const started = await start(env);
    expect(started.built).toBe(false);
    expect(started.engine.store.info.count).toBe(12);

    const search = await spawnPaperchat(["search", "protein folding", "--json"], env).ended;
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0].id).toMatch(/^mine-/);

    const serve = spawnPaperchat(["serve", "--port", "0", "--host", "127.0.0.1"], env);
    const serving = await serve.line(/serving .* at http:\/\/\S+/);
    serve.child.kill("SIGTERM");
    await serve.ended;
    expect(serving).toContain("serving 12 papers");
    expect((await readManifest(indexDir)).generation).toBe(generation);
  });

  it("rebuilds when its own corpus file changed, and only then, saying so", async () => {
    const dir = tempDir();
    const corpus = userCorpus(dir);
    const env = { ...tinyEnv(join(dir, "index")), PAPERCHAT_CORPUS: corpus };
    expect((await start(env)).built).toBe(true);
    const { PAPERCHAT_CORPUS: _, ...unnamed } = env;
    // Touched but not changed: the content hash says it is the same corpus.
    utimesSync(corpus, new Date(), new Date(Date.now() + 5000));
    expect((await start(unnamed)).built).toBe(false);
    userCorpus(dir, 13);
    const changed = await start(unnamed);
    expect(changed.built).toBe(true);
    expect(changed.engine.store.info.count).toBe(13);
    expect(changed.notices.join("\n")).toContain(`${corpus} changed since the index was built`);
  });

  it("switches corpora when --corpus / PAPERCHAT_CORPUS names another, with a line that says what is replaced", async () => {
    const dir = tempDir();
    const corpus = userCorpus(dir);
    const env = tinyEnv(join(dir, "index"));
    await start({ ...env, PAPERCHAT_CORPUS: corpus });
    const switched = await start({ ...env, PAPERCHAT_CORPUS: BUNDLED_CORPUS });
    expect(switched.engine.store.info.count).toBe(70);
    expect(switched.notices).toEqual([
      `paperchat: replacing the index of ${corpus} (12 papers) with one of ${BUNDLED_CORPUS}, as --corpus / PAPERCHAT_CORPUS asks.`,
    ]);
  });

  it("keeps serving when its corpus file is gone, and says it cannot be checked", async () => {
    const dir = tempDir();
    const source = userCorpus(dir);
    const moved = join(tempDir(), "elsewhere.jsonl");
    cpSync(source, moved);
    const env = tinyEnv(join(dir, "index"));
    await start({ ...env, PAPERCHAT_CORPUS: moved });
    rmSync(moved);
    const again = await start(env);
    expect(again.built).toBe(false);
    expect(again.engine.store.info.count).toBe(12);
    expect(again.notices.join("\n")).toContain("is gone");
  });

  it.each([
    ["2", (corpus: string) => ({ formatVersion: 2, corpusFiles: [corpus] })],
    ["3", (corpus: string) => ({ formatVersion: 3, corpus: { files: [{ path: corpus }] } })],
    // Format 4 had no sentence roles.
    ["4", (corpus: string) => ({ formatVersion: 4, corpus: { files: [{ path: corpus }] } })],
  ])("rebuilds an index of format %s from the corpus it was built from", async (_, manifest) => {
    const dir = tempDir();
    const corpus = userCorpus(dir);
    const indexDir = join(dir, "index");
    mkdirSync(join(indexDir, "gen-old"), { recursive: true });
    const earlier = { ...manifest(corpus), generation: "gen-old", files: {} };
    writeFileSync(join(indexDir, "manifest.json"), JSON.stringify(earlier));
    const upgraded = await start(tinyEnv(indexDir));
    expect(upgraded.built).toBe(true);
    expect(upgraded.engine.store.info.count).toBe(12);
    expect(upgraded.notices.join("\n")).toContain("built by an earlier paperchat");
    expect((await readManifest(indexDir)).formatVersion).toBeGreaterThan(earlier.formatVersion);
  });

  it("keeps the sentence-vector mode the index was built with when it rebuilds", async () => {
    const dir = tempDir();
    const corpus = userCorpus(dir);
    const env = tinyEnv(join(dir, "index"));
    const built = await spawnPaperchat(
      ["index", "--corpus", corpus, "--sentence-vectors", "separate"],
      env,
    ).ended;
    expect(built.code, built.stderr).toBe(0);
    userCorpus(dir, 14);
    const rebuilt = await start(env);
    expect(rebuilt.built).toBe(true);
    expect(rebuilt.engine.store.info.sentenceVectors).toBe("separate");
  });
});

describe("a first start without the model", () => {
  it("builds and serves a lexical-only index, then embeds it on the first start with the model", async () => {
    const dir = tempDir();
    const indexDir = join(dir, "index");
    const missing = {
      PAPERCHAT_MODEL: join(dir, "models/not-there-yet"),
      PAPERCHAT_OFFLINE: "1",
      PAPERCHAT_INDEX_DIR: indexDir,
    };
    const serve = spawnPaperchat(["start", "--port", "0", "--host", "127.0.0.1"], missing);
    const serving = await serve.line(/serving .* at http:\/\/\S+/);
    const url = /at (http:\/\/[^\s]+)/.exec(serving)![1]!;
    expect(serving).toContain("semantic search off");
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ papers: 70, semantic: false });
    expect(health.semantic_off_reason).toContain(missing.PAPERCHAT_MODEL);
    const search = await (await fetch(`${url}/api/search?q=LightGCN&k=3`)).json();
    expect(search.results[0].title).toMatch(/^LightGCN/);
    const embeddings = await fetch(`${url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "graph networks" }),
    });
    expect(embeddings.status).toBe(503);
    expect((await embeddings.json()).error.message).toContain("PAPERCHAT_MODEL");
    serve.child.kill("SIGTERM");
    const ended = await serve.ended;
    expect(`${ended.stdout}${ended.stderr}`).toMatch(/PAPERCHAT_MODEL/);
    expect((await readManifest(indexDir)).model).toBeNull();

    // The model folder is there now: the next start embeds the same corpus, with no other command.
    cpSync(TINY_MODEL, missing.PAPERCHAT_MODEL, { recursive: true });
    const upgraded = await start(missing);
    expect(upgraded.built).toBe(true);
    expect(upgraded.engine.semantic).toBe(true);
    expect(upgraded.notices.join("\n")).toContain("the model is available now");
    expect((await readManifest(indexDir)).model).toBe(missing.PAPERCHAT_MODEL);
  });
});
