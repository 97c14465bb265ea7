/**
 * A process that writes to a collections file until it is killed: each change adds a batch of
 * papers in one transaction, and prints how many papers the collection holds after it.
 * Run as `node --import tsx collection-writer.ts FILE BATCH`.
 */
import { openCollectionStore } from "../../../src/collections/collection-store.ts";

const [file, batchSize] = process.argv.slice(2);
const BATCH = Number(batchSize);
const collections = openCollectionStore(file!, { maxPapers: 10_000_000 });
if (!collections.has("Crash")) collections.create("Crash");
for (let batch = 0; ; batch++) {
  const papers = Array.from({ length: BATCH }, (_, i) => ({
    id: `paper-${process.pid}-${batch}-${i}`,
    title: `A paper title long enough to take some bytes on disk ${"x".repeat(200)}`,
  }));
  const { papers: held } = collections.addPapers("Crash", papers);
  process.stdout.write(`${held}\n`);
}
