import { describe, expect, it } from "vitest";
import { exitStatus } from "../../src/cli/exit-status.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { CorpusError } from "../../src/corpus/corpus-error.ts";
import { ModelUnavailableError } from "../../src/embed/model-unavailable-error.ts";
import { PaperchatError } from "../../src/errors/paperchat-error.ts";
import { ModelImportError } from "../../src/model-import/model-import-error.ts";
import { apiError } from "../../src/server/errors/api-error.ts";
import { ConfigurationError } from "../../src/settings/configuration-error.ts";
import { IndexError } from "../../src/store/index-errors.ts";

describe("paperchat's errors", () => {
  it.each([
    [new UsageError("Unknown command"), "usage", 2],
    [new ConfigurationError("PORT is not a port"), "configuration", 1],
    [new CorpusError("no papers", "a.txt"), "corpus", 1],
    [new ModelUnavailableError("put the model there", "m"), "model-unavailable", 1],
    [new ModelImportError("not BERT"), "model-import", 1],
    [new IndexError("corrupt", "rebuild it"), "corrupt", 1],
  ])("%s is a PaperchatError with code %j and exit status %i", (error, code, status) => {
    expect(error).toBeInstanceOf(PaperchatError);
    expect(error.code).toBe(code);
    expect(exitStatus(error)).toBe(status);
  });

  it("keeps each error's own name and message", () => {
    const error = new CorpusError("no papers", "a.txt", 3);
    expect([error.name, error.message]).toEqual(["CorpusError", "a.txt:3: no papers"]);
  });

  it.each([
    ["paper_not_found", 404, "not_found_error"],
    ["invalid_value", 400, "invalid_request_error"],
    ["model_unavailable", 503, "service_unavailable"],
  ] as const)(
    "the API's %s is a PaperchatError whose code gives status %i",
    (code, status, type) => {
      const error = apiError(code, "No such paper.", "id");
      expect(error).toBeInstanceOf(PaperchatError);
      expect([error.name, error.code, error.status]).toEqual(["ApiError", code, status]);
      expect(error.body()).toEqual({
        error: { message: "No such paper.", type, code, param: "id" },
      });
    },
  );

  it("exits with 1 for an unexpected error", () => {
    expect(exitStatus(new TypeError("x is undefined"))).toBe(1);
    expect(exitStatus("thrown string")).toBe(1);
  });
});
