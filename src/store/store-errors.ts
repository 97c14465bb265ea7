import { PaperchatError } from "../errors/paperchat-error.ts";

/**
 * A store over the network cannot answer for now: unreachable, too slow, or failing over. Its
 * message names the store and says what to do; the server answers 503 with `Retry-After`, and
 * answers again by itself once the store is back.
 *
 * @example
 * throw new StoreUnavailableError("Cannot reach the OpenSearch cluster at http://127.0.0.1:9200 …");
 */
export class StoreUnavailableError extends PaperchatError {
  override readonly name = "StoreUnavailableError";

  constructor(message: string, options?: { cause?: unknown }) {
    super("store-unavailable", message, options);
  }
}

/**
 * A store refuses what is asked and will go on refusing until someone acts: credentials it does
 * not accept, a cluster without a plugin paperchat needs, a full disk. The message says what to do.
 *
 * @example
 * throw new StoreRefusedError("The cluster at https://search.example.org refused the credentials …");
 */
export class StoreRefusedError extends PaperchatError {
  override readonly name = "StoreRefusedError";

  constructor(message: string, options?: { cause?: unknown }) {
    super("store-refused", message, options);
  }
}
