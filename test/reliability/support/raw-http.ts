import { Agent, request } from "node:http";
import { connect } from "node:net";

/** A request sent exactly as written: the path is not normalised, the body is raw bytes. */
export interface RawRequest {
  method: string;
  /** Request target as sent, e.g. `/api/search?q=%ff` or `/../etc/passwd`. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** What came back: a response, or the socket error that took its place. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Set when no response arrived (e.g. `ECONNRESET`). */
  error?: string;
}

const NO_REPLY = { status: 0, headers: {}, text: "" };

/**
 * A keep-alive HTTP/1.1 client for one server on loopback that sends paths and bodies as they
 * are (unlike `fetch`, which normalises `..` and encodes what it sends).
 *
 * @example
 * const client = rawHttpClient(server.port, { sockets: 8 });
 * const reply = await client.send({ method: "GET", path: "/%2e%2e/package.json" });
 * client.close();
 */
export function rawHttpClient(port: number, options: { sockets: number; timeoutMs?: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    send(raw: RawRequest): Promise<RawReply> {
      return new Promise((resolve) => {
        const body = raw.body ?? new Uint8Array();
        let outgoing: ReturnType<typeof request>;
        try {
          outgoing = request(
            {
              agent,
              host: "127.0.0.1",
              port,
              method: raw.method,
              path: raw.path,
              headers: { ...raw.headers, "content-length": String(body.byteLength) },
              timeout: timeoutMs,
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              response.on("error", (error) => resolve({ ...NO_REPLY, error: errorCode(error) }));
              response.on("end", () =>
                resolve({
                  status: response.statusCode ?? 0,
                  headers: response.headers,
                  text: Buffer.concat(chunks).toString("utf8"),
                }),
              );
            },
          );
        } catch (error) {
          // Node refuses to send it (e.g. a space in the path): a bug in the generator.
          resolve({ ...NO_REPLY, error: `not sent: ${(error as Error).message}` });
          return;
        }
        outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
        outgoing.on("error", (error) => resolve({ ...NO_REPLY, error: errorCode(error) }));
        outgoing.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

function errorCode(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.message;
}

/**
 * Writes bytes to a fresh TCP connection and returns everything the server answers until it
 * closes (send `Connection: close`): for request lines no HTTP client would send.
 *
 * @example
 * await rawExchange(port, "GET /\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
 */
export function rawExchange(port: number, bytes: string | Uint8Array, timeoutMs = 10_000) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("no answer in time")));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    // Not `end`: a half-closed connection may be dropped before the answer is written.
    socket.write(bytes);
  });
}
