import { describe } from "vitest";
import { openSearchUrl } from "../support/opensearch-url.ts";
import { describeChatPage } from "./support/chat-page-suite.ts";

// The chat page's store-answered tests again, on a server whose index lives in OpenSearch.
const url = openSearchUrl("the chat page end-to-end tests on the OpenSearch store");
describe.runIf(url)("on the OpenSearch store", () =>
  describeChatPage({ kind: "opensearch", url: url! }),
);
