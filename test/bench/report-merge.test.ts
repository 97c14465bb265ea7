import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BenchReport,
  renderMarkdown,
  reportJson,
  withEarlierSections,
} from "../../scripts/bench/report.ts";
import type { BenchSection } from "../../scripts/bench/section.ts";
import { tempDir } from "../support/tiny-index.ts";

const section = (key: string, value: string): BenchSection => ({
  key,
  title: key,
  figures: [{ figure: key, value, reference: "—" }],
  json: { value },
  notes: [`${key} note`],
});

const report = (
  sections: BenchSection[],
  date: string,
  args: string[],
  model = "m",
): BenchReport => ({
  machine: { date, packages: {} } as unknown as BenchReport["machine"],
  model,
  args,
  loadAverages: Object.fromEntries(sections.map((s) => [s.key, 1.5])),
  durationSeconds: 1,
  sections,
});

describe("withEarlierSections", () => {
  it("keeps the sections this run did not measure, marked with the run that did, in order", async () => {
    const dir = tempDir();
    const earlier = report([section("query", "old"), section("scale", "1M")], "2026-12-01", [
      "--only",
      "query,scale",
    ]);
    writeFileSync(join(dir, "report.json"), JSON.stringify(reportJson(earlier)));
    const now = report([section("query", "new"), section("ann", "0.99")], "2026-12-02", [
      "--only",
      "query,ann",
    ]);
    const merged = await withEarlierSections(dir, now, ["query", "ann", "scale"]);
    expect(merged.sections.map((s) => [s.key, s.json.value])).toEqual([
      ["query", "new"],
      ["ann", "0.99"],
      ["scale", "1M"],
    ]);
    expect(merged.sections[2]!.earlierRun).toEqual({
      date: "2026-12-01",
      args: ["--only", "query,scale"],
      load: 1.5,
    });
    expect(merged.sections[0]!.earlierRun).toBeUndefined();
  });

  it("drops an earlier section whose key the bench no longer has", async () => {
    const dir = tempDir();
    const earlier = report([section("retired", "x"), section("scale", "1M")], "2026-12-01", []);
    writeFileSync(join(dir, "report.json"), JSON.stringify(reportJson(earlier)));
    const now = report([section("query", "new")], "2026-12-02", ["--only", "query"]);
    const merged = await withEarlierSections(dir, now, ["query", "scale"]);
    expect(merged.sections.map((s) => s.key)).toEqual(["query", "scale"]);
  });

  it("changes nothing where there is no earlier report, or one without whole sections", async () => {
    const now = report([section("query", "new")], "2026-12-02", []);
    expect(await withEarlierSections(tempDir(), now, ["query"])).toEqual(now);
    const dir = tempDir();
    writeFileSync(
      join(dir, "report.json"),
      JSON.stringify({ machine: {}, args: [], load_averages: {} }),
    );
    expect(await withEarlierSections(dir, now, ["query"])).toEqual(now);
  });

  it("keeps the model each section was measured with, and names it in the Markdown", async () => {
    const dir = tempDir();
    const earlier = report(
      [section("query", "old"), { ...section("indexing", "1.0"), model: "shaped" }],
      "2026-12-01",
      [],
      "the real model",
    );
    writeFileSync(join(dir, "report.json"), JSON.stringify(reportJson(earlier)));
    const now = report([section("ann", "0.99")], "2026-12-02", [], "another model");
    const merged = await withEarlierSections(dir, now, ["indexing", "query", "ann"]);
    expect(merged.sections.map((s) => [s.key, s.model])).toEqual([
      ["indexing", "shaped"],
      ["query", "the real model"],
      ["ann", undefined],
    ]);
    const markdown = renderMarkdown(merged);
    expect(markdown).toMatch(/## indexing\n\nModel: shaped\./);
    expect(markdown).toMatch(/## query\n\nModel: the real model\./);
    expect(markdown).toMatch(/## ann\n\nModel: another model\./);
  });

  it("names the CPU and vector instructions of the run that measured each earlier section, where it recorded them", async () => {
    const dir = tempDir();
    const earlier = report([section("indexing", "1.9")], "2026-12-04", []);
    earlier.machine = {
      ...earlier.machine,
      cores: 2,
      cpuModel: "AMD EPYC",
      cpuVectorFlags: ["avx512_vnni", "avx2"],
    };
    writeFileSync(join(dir, "report.json"), JSON.stringify(reportJson(earlier)));
    const older = report([section("scale", "1M")], "2026-12-01", []);
    const olderDir = tempDir();
    writeFileSync(join(olderDir, "report.json"), JSON.stringify(reportJson(older)));

    const now = report([section("ann", "0.99")], "2026-12-05", []);
    const merged = await withEarlierSections(dir, now, ["indexing", "ann"]);
    expect(renderMarkdown(merged)).toContain(
      "Measured by an earlier run, `npm run bench`, on 2026-12-04, 2 × AMD EPYC (avx512_vnni, avx2) (load average",
    );
    const withoutFlags = await withEarlierSections(olderDir, now, ["scale", "ann"]);
    expect(withoutFlags.sections[0]!.earlierRun).not.toHaveProperty("cpu");
    expect(renderMarkdown(withoutFlags)).toContain("on 2026-12-01 (load average");
  });
});
