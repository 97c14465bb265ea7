import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecommendResponse } from "../../src/contract/collections.ts";
import { createSearchEngine } from "../../src/search/search-engine.ts";
import { createApp } from "../../src/server/app.ts";
import type { PaperchatApp } from "../../src/server/app-context.ts";
import { openEmbeddedStore } from "../../src/store/embedded/open-embedded-store.ts";
import type { PaperStore } from "../../src/store/paper-store.ts";
import { buildRealIndex, hasRealModel } from "./support/real-model.ts";

/** Groups of 2-4 related papers of the bundled corpus, each with why they belong together. */
const GROUPS: { name: string; reason: string; papers: string[] }[] = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../fixtures/topical-groups.json"), "utf8"),
);
/** The target: the held-out paper in the top 5 for at least this share of groups. */
const TARGET = 0.8;
const TOP = 5;

describe.runIf(hasRealModel("the real-model recommendation test"))(
  "recommendations with the real all-MiniLM-L6-v2: leave one out of topical groups",
  () => {
    let store: PaperStore;
    let app: PaperchatApp;

    beforeAll(async () => {
      const env = await buildRealIndex();
      store = await openEmbeddedStore(env.PAPERCHAT_INDEX_DIR!);
      // Recommendations read stored vectors only: no model is loaded here.
      app = createApp({ engine: createSearchEngine({ store }) });
    }, 600_000);

    afterAll(() => store?.close());

    const request = async (path: string, json?: unknown) => {
      const response = await app.request(
        path,
        json === undefined
          ? {}
          : {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(json),
            },
      );
      expect(response.status, path).toBeLessThan(300);
      return response.json();
    };

    it("lists at least 8 groups of 2-4 papers of the corpus, each with a reason", async () => {
      expect(GROUPS.length).toBeGreaterThanOrEqual(8);
      const ids = GROUPS.flatMap((group) => group.papers);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await store.papersById(ids)).toHaveLength(ids.length);
      for (const group of GROUPS) {
        expect(group.papers.length).toBeGreaterThanOrEqual(2);
        expect(group.papers.length).toBeLessThanOrEqual(4);
        expect(group.reason.length).toBeGreaterThan(10);
      }
    });

    it(`ranks a held-out paper in the top ${TOP} for at least ${TARGET} of the groups`, async () => {
      const report: string[] = [];
      let shareSum = 0;
      for (const group of GROUPS) {
        const ranks: number[] = [];
        for (const held of group.papers) {
          const name = `${group.name} without ${held}`;
          await request("/api/collections", { name });
          const ids = group.papers.filter((id) => id !== held);
          const path = `/api/collections/${encodeURIComponent(name)}`;
          await request(`${path}/papers`, { ids });
          const { results } = (await request(`${path}/recommend?k=20`)) as RecommendResponse;
          ranks.push(results.findIndex((result) => result.id === held) + 1);
        }
        const hits = ranks.filter((rank) => rank >= 1 && rank <= TOP).length;
        shareSum += hits / ranks.length;
        report.push(
          `${group.name}: ${hits}/${ranks.length} in the top ${TOP} (ranks ${ranks.join(", ")}; 0 = not in the top 20)`,
        );
      }
      const share = shareSum / GROUPS.length;
      report.push(`mean over groups: ${share.toFixed(3)}`);
      console.info(`Leave-one-out recommendations, real model:\n  ${report.join("\n  ")}`);
      expect(share, report.join("\n")).toBeGreaterThanOrEqual(TARGET);
    });
  },
);
