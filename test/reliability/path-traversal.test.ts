import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTinyEngine, serveTiny, type TinyEngine } from "../server/support/tiny-server.ts";
import { type RawReply, rawExchange, rawHttpClient } from "./support/raw-http.ts";
import { createWebRoot, type WebRootFixture } from "./support/web-root.ts";

const REPO_ROOT = resolve(import.meta.dirname, "../..");
const PACKAGE_JSON = readFileSync(resolve(REPO_ROOT, "package.json"), "utf8");
/** Text no served page may contain: from /etc/passwd, and the repository's package.json. */
const FORBIDDEN = ["root:x:0:0", "root:*:0:0", PACKAGE_JSON.slice(0, 60), '"allowScripts"'];

/** Ways to write `..` and `/` that a server might decode after checking the path. */
const DOTS = [
  "..",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e.",
  "%252e%252e",
  "%c0%ae%c0%ae",
  "%ef%bc%8e%ef%bc%8e",
  "...",
];
const SLASHES = ["/", "%2f", "%2F", "%252f", "\\", "%5c", "%5C", "%255c", "//"];

/** Request targets that try to leave a web root `depth` folders below `/` to reach `target`. */
function traversals(depth: number, target: string): string[] {
  const paths: string[] = [];
  for (const dots of DOTS) {
    for (const slash of SLASHES) {
      const up = `${dots}${slash}`.repeat(depth + 2);
      paths.push(`/${up}${target.split("/").join(slash)}`);
      paths.push(`/assets/${up}${target}`);
    }
  }
  return paths;
}

/** Absolute paths, null bytes, symlinks, dot files: everything else that could escape. */
function otherEscapes(web: WebRootFixture): string[] {
  const secret = web.secretPaths[0]!;
  return [
    "/etc/passwd",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    `/${encodeURIComponent(secret)}`,
    `/${secret}`,
    `/${encodeURIComponent(resolve(REPO_ROOT, "package.json"))}`,
    `/${resolve(REPO_ROOT, "package.json")}`,
    "/C:%5cWindows%5cwin.ini",
    "/index.html%00",
    "/index.html%00.js",
    "/leak.txt%00.html",
    "/..%00/secret.txt",
    "/leak.txt",
    "/up/secret.txt",
    "/up/dist-private/secret.txt",
    "/.env",
    "/%2eenv",
    "/assets/../.env",
    "/../dist-private/secret.txt",
    "/..%2fdist-private%2fsecret.txt",
    `http://127.0.0.1/../secret.txt`,
    `http://127.0.0.1/%2e%2e/secret.txt`,
    "/?/../secret.txt",
    "/#/../secret.txt",
  ];
}

let tiny: TinyEngine;

beforeAll(async () => {
  tiny = await openTinyEngine();
});

/** Why a reply to a traversal attempt leaks, or undefined when it does not. */
function leak(reply: RawReply, web: WebRootFixture | undefined): string | undefined {
  for (const text of [...(web?.secrets ?? []), ...FORBIDDEN]) {
    if (reply.text.includes(text)) return `served ${JSON.stringify(text)}`;
  }
  if (reply.status >= 200 && reply.status < 300) {
    const servable = web ? [...web.files.values()] : [];
    if (!servable.includes(reply.text)) return `${reply.status} with ${reply.text.slice(0, 80)}`;
  }
  if (reply.status >= 500 || reply.error) return `${reply.status} ${reply.error ?? ""}`;
  return undefined;
}

describe("static serving never leaves the web root", () => {
  let web: WebRootFixture;
  let server: Awaited<ReturnType<typeof serveTiny>>;

  beforeAll(async () => {
    web = createWebRoot();
    server = await serveTiny(tiny, { webRoot: web.root });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("serves the files inside it (so that the refusals below mean something)", async () => {
    const client = rawHttpClient(server.port, { sockets: 1 });
    try {
      for (const [path, content] of web.files) {
        const reply = await client.send({ method: "GET", path });
        expect({ path, status: reply.status, text: reply.text }).toEqual({
          path,
          status: 200,
          text: content,
        });
      }
    } finally {
      client.close();
    }
  });

  it("refuses every encoded, doubled, backslashed, absolute, NUL and symlinked escape", async () => {
    const depth = web.root.split(sep).length - 1;
    const attempts = [
      ...traversals(depth, "etc/passwd"),
      ...traversals(depth, resolve(REPO_ROOT, "package.json").slice(1)),
      ...traversals(1, "secret.txt"),
      ...traversals(1, "dist-private/secret.txt"),
      ...otherEscapes(web),
    ];
    const client = rawHttpClient(server.port, { sockets: 4 });
    try {
      const replies = await Promise.all(
        attempts.map(async (path) => ({ path, reply: await client.send({ method: "GET", path }) })),
      );
      const leaks = replies.flatMap(({ path, reply }) => {
        const why = leak(reply, web);
        return why ? [`${path} → ${why}`] : [];
      });
      expect(leaks).toEqual([]);
      expect(attempts.length).toBeGreaterThan(300);
    } finally {
      client.close();
    }
  });

  it("refuses raw NUL bytes and control characters in the request line", async () => {
    for (const target of ["/index.html\0", "/\0../secret.txt", "/..\\..\\secret.txt", "/\t/.."]) {
      const answer = await rawExchange(
        server.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      for (const secret of web.secrets) expect(answer).not.toContain(secret);
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });
});

describe("the default web root (web/dist, built or not)", () => {
  it("never serves the repository's package.json or /etc/passwd", async () => {
    const server = await serveTiny(tiny);
    const depth = resolve(REPO_ROOT, "web/dist").split(sep).length - 1;
    const client = rawHttpClient(server.port, { sockets: 4 });
    try {
      const attempts = [...traversals(2, "package.json"), ...traversals(depth, "etc/passwd")];
      const leaks: string[] = [];
      for (const path of attempts) {
        const reply = await client.send({ method: "GET", path });
        const served = reply.status >= 200 && reply.status < 300;
        if (FORBIDDEN.some((text) => reply.text.includes(text)) || (served && path !== "/")) {
          leaks.push(`${path} → ${reply.status} ${reply.text.slice(0, 80)}`);
        }
      }
      expect(leaks).toEqual([]);
    } finally {
      client.close();
      await server.close();
    }
  });
});
