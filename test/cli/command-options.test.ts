import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../../src/cli/help.ts";
import { main } from "../../src/cli/main.ts";
import {
  COMMAND_OPTIONS,
  COMMON_OPTIONS,
  parseCommandLine,
} from "../../src/cli/parse-command-line.ts";

/** The options a command's usage lines name, beyond the common ones. */
function usageOptions(command: string): string[] {
  const usage = COMMAND_HELP[command]!.split("\n\n")[0]!;
  const named = [...usage.matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]!);
  const common: readonly string[] = COMMON_OPTIONS;
  return [...new Set(named.filter((name) => !common.includes(name)))].sort();
}

describe("which options each command takes", () => {
  it("are the ones its usage lines name, for every command", () => {
    expect(Object.keys(COMMAND_OPTIONS).sort()).toEqual(Object.keys(COMMAND_HELP).sort());
    for (const command of Object.keys(COMMAND_HELP)) {
      expect([...COMMAND_OPTIONS[command]!].sort(), command).toEqual(usageOptions(command));
    }
  });

  it("accepts a command's own options and the common ones", () => {
    const line = parseCommandLine(["start", "--port", "8080", "--host", "127.0.0.1", "--offline"]);
    expect(line).toMatchObject({ command: "start", port: 8080, host: "127.0.0.1" });
    expect(parseCommandLine(["search", "x", "--k", "3", "--json", "--corpus", "a.jsonl"]).k).toBe(
      3,
    );
  });

  it("refuses an option the command does not take, naming the commands that do", () => {
    expect(() => parseCommandLine(["start", "--format", "csv"])).toThrow(
      "paperchat start does not take --format (index, export do).",
    );
    expect(() => parseCommandLine(["search", "x", "--force"])).toThrow(
      "paperchat search does not take --force (index does).",
    );
  });

  it("points a usage error at the command's own help, also when the line did not parse", async () => {
    let stderr = "";
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      readStdin: async () => "",
      env: {},
    };
    expect(await main(["similar", "some-id", "--force"], io)).toBe(2);
    expect(stderr).toContain("Run `paperchat similar --help` for usage.");
  });
});
