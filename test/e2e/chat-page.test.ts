import { describeChatPage } from "./support/chat-page-suite.ts";

// The chat page on the embedded store; chat-page-opensearch.test.ts runs it on a cluster.
describeChatPage({ kind: "embedded" });
