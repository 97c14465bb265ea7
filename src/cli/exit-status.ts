import { PaperchatError, type PaperchatErrorCode } from "../errors/paperchat-error.ts";

/** The exit status of each error code that does not exit with 1. */
const EXIT_STATUS: ReadonlyMap<string, number> = new Map<PaperchatErrorCode, number>([
  ["usage", 2],
]);

/**
 * The exit status a failure ends the command with: 2 for a usage mistake, 1 for anything else.
 *
 * @example
 * exitStatus(new UsageError("Unknown command")); // 2
 */
export function exitStatus(error: unknown): number {
  return (error instanceof PaperchatError && EXIT_STATUS.get(error.code)) || 1;
}
