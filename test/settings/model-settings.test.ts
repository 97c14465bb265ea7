import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/parse-command-line.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { ConfigurationError } from "../../src/settings/configuration-error.ts";
import { DEFAULT_MODEL, resolveSettings } from "../../src/settings/settings.ts";

describe("the encoder dtype setting", () => {
  it("is unset (the index's own, else int8 when the model has it) unless PAPERCHAT_DTYPE or --dtype says; the flag wins", () => {
    expect(resolveSettings({})).toMatchObject({ model: DEFAULT_MODEL, dtype: undefined });
    expect(resolveSettings({ PAPERCHAT_DTYPE: "q8" }).dtype).toBe("q8");
    expect(resolveSettings({ PAPERCHAT_DTYPE: " fp32 " }).dtype).toBe("fp32");
    expect(resolveSettings({ PAPERCHAT_DTYPE: "" }).dtype).toBeUndefined();
    const { overrides } = parseCommandLine(["search", "graphs", "--dtype", "fp32"]);
    expect(resolveSettings({ PAPERCHAT_DTYPE: "q8" }, overrides).dtype).toBe("fp32");
    expect(parseCommandLine(["index", "--dtype", "q8"]).overrides.dtype).toBe("q8");
  });

  it("refuses another value, naming the variable or flag and the accepted values", () => {
    expect(() => resolveSettings({ PAPERCHAT_DTYPE: "int8" })).toThrow(ConfigurationError);
    expect(() => resolveSettings({ PAPERCHAT_DTYPE: "int8" })).toThrow(
      'PAPERCHAT_DTYPE must be one of fp32, q8, got "int8".',
    );
    expect(() => parseCommandLine(["index", "--dtype", "fp16"])).toThrow(UsageError);
    expect(() => parseCommandLine(["index", "--dtype", "fp16"])).toThrow(
      '--dtype must be one of fp32, q8, got "fp16".',
    );
  });

  it("--quantize int8 is read for model import; nothing else is accepted", () => {
    expect(parseCommandLine(["model", "import", "a", "b", "--quantize", "int8"]).quantize).toBe(
      "int8",
    );
    expect(parseCommandLine(["model", "import", "a", "b"]).quantize).toBeUndefined();
    expect(() => parseCommandLine(["model", "import", "a", "b", "--quantize", "q8"])).toThrow(
      '--quantize must be int8, got "q8".',
    );
  });
});

describe("the model threads setting", () => {
  it("is onnxruntime's choice unless PAPERCHAT_MODEL_THREADS gives a whole number", () => {
    expect(resolveSettings({}).modelThreads).toBeUndefined();
    expect(resolveSettings({ PAPERCHAT_MODEL_THREADS: "1" }).modelThreads).toBe(1);
    expect(resolveSettings({ PAPERCHAT_MODEL_THREADS: " 4 " }).modelThreads).toBe(4);
    expect(resolveSettings({ PAPERCHAT_MODEL_THREADS: "" }).modelThreads).toBeUndefined();
  });

  it("refuses anything but a whole number of at least 1, saying what to give", () => {
    for (const value of ["0", "-1", "1.5", "two"]) {
      expect(() => resolveSettings({ PAPERCHAT_MODEL_THREADS: value })).toThrow(ConfigurationError);
      expect(() => resolveSettings({ PAPERCHAT_MODEL_THREADS: value })).toThrow(
        /PAPERCHAT_MODEL_THREADS: .* give a whole number of at least 1/,
      );
    }
  });
});
