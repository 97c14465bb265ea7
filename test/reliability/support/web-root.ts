import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../support/tiny-index.ts";

/** A web root with known files, and secrets next to it that must never be served. */
export interface WebRootFixture {
  /** The folder to pass as `webRoot`. */
  root: string;
  /** What each servable URL path answers with. */
  files: ReadonlyMap<string, string>;
  /** Marker texts of files outside the root (one reachable inside it only through a symlink). */
  secrets: readonly string[];
  /** Absolute paths of those files. */
  secretPaths: readonly string[];
}

/**
 * Creates `site/dist` (index.html, an asset, a nested page) with `site/secret.txt` beside it, a
 * sibling folder whose name starts like the root's (`site/dist-private`), a dot file inside the
 * root, and a symlink inside the root that points at the secret outside.
 *
 * @example
 * const web = createWebRoot();
 * await serveTiny(tiny, { webRoot: web.root });
 */
export function createWebRoot(): WebRootFixture {
  const site = tempDir("paperchat-web-");
  const root = join(site, "dist");
  const files = new Map([
    ["/", "<!doctype html><title>paperchat test page</title>"],
    ["/assets/app-1234.js", "console.log('paperchat test asset');"],
    ["/nested/page.html", "<p>nested test page</p>"],
  ]);
  mkdirSync(join(root, "assets"), { recursive: true });
  mkdirSync(join(root, "nested"));
  writeFileSync(join(root, "index.html"), files.get("/")!);
  writeFileSync(join(root, "assets/app-1234.js"), files.get("/assets/app-1234.js")!);
  writeFileSync(join(root, "nested/page.html"), files.get("/nested/page.html")!);
  files.set("/index.html", files.get("/")!);

  const secrets = ["SECRET-NEXT-TO-ROOT-7f3a", "SECRET-IN-SIBLING-91c2", "SECRET-DOT-FILE-5d0e"];
  const secretPaths = [join(site, "secret.txt"), join(site, "dist-private", "secret.txt")];
  mkdirSync(join(site, "dist-private"));
  writeFileSync(secretPaths[0]!, secrets[0]!);
  writeFileSync(secretPaths[1]!, secrets[1]!);
  writeFileSync(join(root, ".env"), secrets[2]!);
  symlinkSync(secretPaths[0]!, join(root, "leak.txt"));
  symlinkSync(site, join(root, "up"));
  return { root, files, secrets, secretPaths };
}
