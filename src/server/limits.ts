import { MAX_K } from "../search/max-k.ts";

/** Bounds on what one request may ask for; every bound is enforced with a 4xx that names it. */
export interface ServerLimits {
  /** Largest request body in bytes (413 beyond). */
  maxBodyBytes: number;
  /**
   * Largest request line and headers in bytes (431 beyond); room for the longest valid
   * `GET /api/search?q=…`, percent-encoded (9 bytes per character at worst).
   */
  maxHeaderBytes: number;
  /** Longest question, search query or chat turn in characters (a pasted abstract fits). */
  maxQuestionChars: number;
  /** Longest single `/v1/embeddings` input in characters. */
  maxInputChars: number;
  /** Most inputs in one `/v1/embeddings` call. */
  maxInputs: number;
  /** Most messages in one `/api/chat` conversation. */
  maxChatMessages: number;
  /** Largest `k` (results, similar papers, chat sources). */
  maxK: number;
  /** Largest page of `/api/papers`. */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 2 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxQuestionChars: 4000,
  maxInputChars: 4000,
  maxInputs: 256,
  maxChatMessages: 200,
  maxK: MAX_K,
  maxPageSize: 100,
};
