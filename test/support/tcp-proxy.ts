import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

/** A TCP proxy in this process, in front of a real server, that a test can cut and restore. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: the proxy's address. */
  url: string;
  /** Drops every connection and stops listening: clients get ECONNREFUSED, as from a dead host. */
  cut(): Promise<void>;
  /** Listens again on the same port and forwards as before. */
  restore(): Promise<void>;
  /**
   * From now on, holds (never forwards, never answers) each request whose first bytes match
   * `pattern` once `allowed` such requests have gone through; resolves when the first is held.
   */
  holdRequests(pattern: RegExp, allowed: number): Promise<void>;
  /** Forwards every new request again (those held stay held). */
  release(): void;
  close(): Promise<void>;
}

/**
 * Forwards 127.0.0.1:<a free port> to `target` byte for byte.
 *
 * @example
 * const proxy = await startTcpProxy(new URL(cluster.url));
 * await proxy.cut(); // the cluster is unreachable
 * await proxy.restore(); // and back
 */
export async function startTcpProxy(target: URL): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let hold: { pattern: RegExp; allowed: number; seen: number; held: () => void } | undefined;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const onConnection = (client: Socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    let holding = false;
    client.on("data", (chunk: Buffer) => {
      if (!holding && hold && hold.pattern.test(chunk.subarray(0, 200).toString("latin1"))) {
        hold.seen += 1;
        if (hold.seen > hold.allowed) {
          holding = true;
          hold.held();
        }
      }
      if (!holding) upstream.write(chunk);
    });
    upstream.pipe(client);
  };
  let server: Server = createServer(onConnection);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  const closeServer = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: closeServer,
    async restore() {
      server = createServer(onConnection);
      server.listen(port, "127.0.0.1");
      await once(server, "listening");
    },
    holdRequests(pattern, allowed) {
      return new Promise((held) => {
        hold = { pattern, allowed, seen: 0, held: () => held() };
      });
    },
    release() {
      hold = undefined;
    },
    close: async () => {
      if (server.listening) await closeServer();
    },
  };
}

/**
 * A server that accepts connections and never answers: a cluster stuck past any timeout.
 *
 * @example
 * const silent = await startSilentServer();
 * // fetch(silent.url) waits until its own timeout
 */
export async function startSilentServer(): Promise<{
  url: string;
  /** How many connections it has accepted so far. */
  connections(): number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
