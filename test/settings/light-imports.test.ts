import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SETTINGS = resolve(import.meta.dirname, "../../src/settings");

/** Value imports (`import type` is erased) of a module and, transitively, of its relative imports. */
function packagesImportedBy(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)) {
    if (specifier!.startsWith(".")) {
      for (const name of packagesImportedBy(resolve(dirname(file), specifier!), seen)) {
        packages.add(name);
      }
    } else packages.add(specifier!);
  }
  return packages;
}

describe("the settings modules", () => {
  it.each(["settings.ts", "server-settings.ts", "repository.ts"])(
    "%s loads only Node built-ins, so reading settings never loads the model runtime",
    (file) => {
      const packages = [...packagesImportedBy(resolve(SETTINGS, file))];
      expect(packages.filter((name) => !name.startsWith("node:"))).toEqual([]);
    },
  );
});
