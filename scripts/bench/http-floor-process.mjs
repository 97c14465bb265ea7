// The query benchmark's HTTP floor, as a process of its own: a plain `node:http` server (no
// framework, no paperchat code) that answers every request by keeping its thread busy for
// WAIT_MS, as the model's pass does, then sending a JSON body of BODY_BYTES. What a search costs
// on top of its embed, measured against this, is paperchat's own; what this costs on top of
// WAIT_MS is the machine's (Node's HTTP server, the loopback, the client) after such a wait.
//
//   node scripts/bench/http-floor-process.mjs PORT WAIT_MS BODY_BYTES
import http from "node:http";

const [port, waitMs, bodyBytes] = process.argv.slice(2).map(Number);
const body = JSON.stringify({ padding: "x".repeat(Math.max(0, bodyBytes - 14)) });
http
  .createServer((_request, response) => {
    const started = performance.now();
    while (performance.now() - started < waitMs) {
      // busy, like the model's pass
    }
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  })
  .listen(port, "127.0.0.1");
