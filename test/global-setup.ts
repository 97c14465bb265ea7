import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Gives the whole run one temporary folder (via TMPDIR, which `os.tmpdir()` and the test
 * workers inherit) and removes it afterwards, so indexes and servers' files never pile up.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "paperchat-tests-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
