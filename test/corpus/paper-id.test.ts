import { describe, expect, it } from "vitest";
import { GIVEN_ID_PATTERN, normalizeTitle, paperId } from "../../src/corpus/index.ts";

describe("paperId", () => {
  it("is a slug of the first title words plus 6 hex digits", () => {
    expect(paperId("SSD: Single Shot MultiBox Detector")).toMatch(
      /^ssd-single-shot-multibox-detector-[0-9a-f]{6}$/,
    );
  });

  it("cuts long titles at a word boundary within 40 characters", () => {
    const id = paperId(
      "RCNet: Reverse Feature Pyramid and Cross-scale Shift Network for Object Detection",
    );
    expect(id).toMatch(/^rcnet-reverse-feature-pyramid-and-cross-[0-9a-f]{6}$/);
  });

  it("is the same for titles that differ only in case, spacing and punctuation", () => {
    expect(paperId("  Data  Filtering Networks ")).toBe(paperId("data filtering networks."));
  });

  it("differs for different titles that share their first words", () => {
    const a = paperId("Learning Transferable Architectures for Scalable Image Recognition Tasks A");
    const b = paperId("Learning Transferable Architectures for Scalable Image Recognition Tasks B");
    expect(a.slice(0, -6)).toBe(b.slice(0, -6));
    expect(a).not.toBe(b);
  });

  it("is URL-safe for titles without ASCII letters, with accents, or with one long word", () => {
    const titles = ["深度学习综述", "Réseaux de neurones: une étude", "DεpS", "x".repeat(80)];
    for (const title of titles) {
      const id = paperId(title);
      expect(id).toMatch(/^[a-z0-9-]+$/);
      expect(encodeURIComponent(id)).toBe(id);
      expect(id.length).toBeLessThanOrEqual(47);
    }
    expect(paperId("深度学习综述")).toMatch(/^paper-[0-9a-f]{6}$/);
    expect(paperId("Réseaux de neurones: une étude")).toMatch(/^reseaux-de-neurones-une-etude-/);
  });
});

describe("GIVEN_ID_PATTERN", () => {
  it("accepts any id of 1-200 characters, old-style arXiv ids with '/' included", () => {
    const ids = ["math/0501001", "hep-th/9901001v2", "0704.0001", "a b", "é#?%", "x".repeat(200)];
    for (const id of ids) expect(id).toMatch(GIVEN_ID_PATTERN);
  });

  it("rejects empty and over-long ids, control characters and surrounding whitespace", () => {
    const ids = ["", "x".repeat(201), " a", "a ", "a\tb", "a\nb", "a\u0000", "\ud800", "a\u00a0"];
    for (const id of ids) expect(id).not.toMatch(GIVEN_ID_PATTERN);
  });
});

describe("normalizeTitle", () => {
  it("lowercases and keeps only letters and digits, single-spaced", () => {
    expect(normalizeTitle(" PA&DA: Jointly  Sampling PAth\tand DAta ")).toBe(
      "pa da jointly sampling path and data",
    );
  });
});
