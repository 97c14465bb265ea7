import { describe, expect, it } from "vitest";
import { attachment } from "../../src/server/routes/content-disposition.ts";
import { attachmentName } from "../../web/src/api/attachment-name.ts";

describe("attachmentName", () => {
  it("reads back the name the server's Content-Disposition gives", () => {
    for (const name of ["papers.bib", "Lectures d'été.ris", "Graph recs 😀.json", 'a"b.bib']) {
      const expected = name.replace(/["\\/]/g, "_");
      expect(attachmentName(attachment(name))).toBe(expected);
    }
  });

  it("falls back to the quoted name, and to nothing", () => {
    expect(attachmentName('attachment; filename="plain.bib"')).toBe("plain.bib");
    expect(attachmentName("attachment; filename=\"x.bib\"; filename*=UTF-8''%E0%A4")).toBe("x.bib");
    expect(attachmentName(null)).toBeUndefined();
    expect(attachmentName("inline")).toBeUndefined();
  });
});
