import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * Builds the chat page into `web/dist`, which the paperchat server serves at `/`.
 * `npx vite --config web/vite.config.ts` runs a dev server that forwards `/api` and `/v1` to a
 * paperchat server on port 3000 (or `PAPERCHAT_API`).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  // `@contract/…` (tsconfig.json `paths`): the shapes the page shares with the server.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    // React, the AI SDK and the zod it checks streams with: ~490 kB minified, ~140 kB gzipped,
    // served from the same machine. One chunk is fine; say so instead of warning on every build.
    chunkSizeWarningLimit: 640,
  },
  server: {
    proxy: {
      "/api": process.env.PAPERCHAT_API ?? "http://localhost:3000",
      "/v1": process.env.PAPERCHAT_API ?? "http://localhost:3000",
    },
  },
});
