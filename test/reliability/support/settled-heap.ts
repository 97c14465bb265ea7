import { setImmediate as nextTurn } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Node's `gc()`, without starting the process with `--expose-gc`: the flag is set at run time
 * and a fresh context picks the function up.
 */
function exposedGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

let gc: (() => void) | undefined;

/**
 * The heap in use once garbage is collected: full collections with turns of the event loop in
 * between (so that closed sockets and finished streams release what they hold).
 *
 * @example
 * const before = await settledHeapUsed();
 */
export async function settledHeapUsed(): Promise<number> {
  gc ??= exposedGc();
  for (let i = 0; i < 4; i++) {
    await nextTurn();
    gc();
  }
  return process.memoryUsage().heapUsed;
}
