/**
 * Starts (or stops) the clusters of their own that test files start, so that CI can start them
 * while it installs and checks, before the tests:
 *
 *   npx tsx test/support/test-clusters.ts start   # prints their names, for PAPERCHAT_TEST_CLUSTERS_STARTED
 *   npx tsx test/support/test-clusters.ts stop    # stops and wipes them
 */
import { startOwnClusters, stopOwnClusters } from "./opensearch-cluster.ts";

const verb = process.argv[2];
if (verb === "start") {
  console.log((await startOwnClusters()).join(" "));
} else if (verb === "stop") {
  await stopOwnClusters();
} else {
  console.error("usage: npx tsx test/support/test-clusters.ts start|stop");
  process.exit(2);
}
