export { type AnswerChatOptions, answerChat } from "./answer-chat.ts";
export { type ChatTurn, userTexts } from "./chat-turns.ts";
export {
  type CitationFilter,
  createCitationFilter,
  removeInventedCitations,
} from "./citations.ts";
export {
  composeExtractiveAnswer,
  type ExtractiveAnswerOptions,
  NO_SOURCES_ANSWER,
} from "./extractive-answer.ts";
export {
  followUpChain,
  isFollowUp,
  type RetrievalQueryOptions,
  retrievalQuery,
} from "./follow-up.ts";
export { type GroundedPrompt, groundedPrompt } from "./grounded-prompt.ts";
export {
  LlmAnswerError,
  type StreamLlmAnswerOptions,
  streamLlmAnswer,
} from "./stream-llm-answer.ts";
