import type { PaperStore } from "../store/paper-store.ts";

/**
 * What collections and exports ask of the index: papers by id, in the order asked, unknown ids
 * left out (whichever store serves).
 */
export type PaperSource = Pick<PaperStore, "papersById">;

/**
 * The papers among `ids` that the index holds, in the order asked (one read).
 *
 * @example
 * await papersOf(store, ["math/0501001", "0704.0001"]);
 */
export async function papersOf(source: PaperSource, ids: readonly string[]) {
  return (await source.papersById(ids)).map(({ paper }) => paper);
}
