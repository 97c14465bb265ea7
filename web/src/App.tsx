import { useChat } from "@ai-sdk/react";
import type { PaperchatUIMessage } from "@contract/chat-message.ts";
import type { FilterFields } from "@contract/filter-fields.ts";
import type { Health } from "@contract/health.ts";
import { messageText } from "@contract/message-text.ts";
import type { StartersResponse } from "@contract/starters.ts";
import { DefaultChatTransport } from "ai";
import { useEffect, useState } from "react";
import { apiFetch } from "./api/api-fetch.ts";
import { describeError, isApiKeyError } from "./api/error-message.ts";
import { useApiKey } from "./api/use-api-key.ts";
import { useRequest } from "./api/use-request.ts";
import { ApiKeyForm } from "./components/ApiKeyForm.tsx";
import { Composer } from "./components/Composer.tsx";
import { Conversation } from "./components/Conversation.tsx";
import { ErrorNotice } from "./components/ErrorNotice.tsx";
import { FilterControls } from "./components/FilterControls.tsx";
import { Header } from "./components/Header.tsx";
import { LibraryView } from "./components/LibraryView.tsx";
import { OpenPaperContext } from "./components/open-paper-context.ts";
import { PaperDialog } from "./components/PaperDialog.tsx";
import { RelatedWork } from "./components/RelatedWork.tsx";
import { StarterQuestions } from "./components/StarterQuestions.tsx";
import { CollectionsContext, useCollectionsState } from "./library/use-collections.ts";

/**
 * Same-origin chat endpoint (docs/api.md: AI SDK UI message stream), asked through {@link apiFetch},
 * which sends the API key and turns a 401 into the key form.
 */
const transport = new DefaultChatTransport({ api: "/api/chat", fetch: apiFetch });

type View = "chat" | "related" | "library";

/**
 * The whole page: header, the API key form when the server asks for one, filter controls when
 * the corpus has years or categories, the chat (starting from questions about the corpus), the
 * related-work search or the Library (collections and their recommendations), and the paper
 * dialog.
 */
export function App() {
  const health = useRequest<Health>("/api/health");
  const starters = useRequest<StartersResponse>("/api/starters");
  const apiKey = useApiKey();
  const collections = useCollectionsState(apiKey.key);
  const [filter, setFilter] = useState<FilterFields>({});
  const [view, setView] = useState<View>("chat");
  const [draft, setDraft] = useState("");
  const [stoppedIds, setStoppedIds] = useState<ReadonlySet<string>>(new Set());
  const [openPaperId, setOpenPaperId] = useState<string | null>(null);
  const { messages, setMessages, sendMessage, status, stop, error, clearError, regenerate } =
    useChat<PaperchatUIMessage>({
      transport,
      onFinish: ({ message, isAbort }) => {
        if (isAbort) setStoppedIds((ids) => new Set(ids).add(message.id));
      },
    });
  const busy = status === "submitted" || status === "streaming";
  const reloadStarters = starters.reload;

  // Starters are behind the API key: ask again once a key is saved.
  useEffect(() => {
    if (apiKey.key !== null) reloadStarters();
  }, [apiKey.key, reloadStarters]);

  // A refused or undelivered question goes back into the box, so the person can fix or resend it.
  useEffect(() => {
    const last = messages.at(-1);
    if (status !== "error" || last?.role !== "user") return;
    setMessages(messages.slice(0, -1));
    setDraft(messageText(last));
  }, [status, messages, setMessages]);

  const ask = (question: string) => {
    clearError();
    setDraft("");
    void sendMessage({ text: question }, { body: filter });
  };
  const answerFailedMidway = error !== undefined && messages.at(-1)?.role === "assistant";

  return (
    <OpenPaperContext.Provider value={setOpenPaperId}>
      <CollectionsContext.Provider value={collections}>
        <div className="app">
          <Header health={health} onForgetKey={apiKey.key === null ? undefined : apiKey.forget} />
          <nav className="view-switch" aria-label="Mode">
            <button type="button" aria-pressed={view === "chat"} onClick={() => setView("chat")}>
              Ask
            </button>
            <button
              type="button"
              aria-pressed={view === "related"}
              onClick={() => setView("related")}
            >
              Related work
            </button>
            <button
              type="button"
              aria-pressed={view === "library"}
              onClick={() => setView("library")}
            >
              Library
            </button>
          </nav>
          <main>
            {apiKey.refusal !== null && (
              <ApiKeyForm refusal={apiKey.refusal} onSave={apiKey.save} />
            )}
            {starters.data && (
              <FilterControls facets={starters.data.facets} value={filter} onChange={setFilter} />
            )}
            <div className="chat-view" hidden={view !== "chat"}>
              {messages.length === 0 ? (
                <StarterQuestions starters={starters} onAsk={ask} disabled={busy} />
              ) : (
                <Conversation messages={messages} status={status} stoppedIds={stoppedIds} />
              )}
              {/* A missing or wrong key is the key form's to say. */}
              {error && !isApiKeyError(error) && (
                <ErrorNotice
                  message={describeError(error)}
                  onRetry={answerFailedMidway ? () => void regenerate({ body: filter }) : undefined}
                  onDismiss={clearError}
                />
              )}
              <Composer
                draft={draft}
                onDraftChange={setDraft}
                busy={busy}
                onSend={ask}
                onStop={() => void stop()}
              />
            </div>
            <div hidden={view !== "related"}>
              <RelatedWork filter={filter} />
            </div>
            {view === "library" && <LibraryView filter={filter} />}
          </main>
          <PaperDialog paperId={openPaperId} onClose={() => setOpenPaperId(null)} />
        </div>
      </CollectionsContext.Provider>
    </OpenPaperContext.Provider>
  );
}
