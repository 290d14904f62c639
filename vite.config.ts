import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  // Light citizen pages (issue #4, item 8): RJSF's Markdown renderer is replaced by plain text in the browser
  // (app/ui/plain-markdown.tsx). The server build keeps @rjsf/core external, so this applies to the browser only.
  resolve: { alias: [{ find: /^markdown-to-jsx\/react$/, replacement: fileURLToPath(new URL("./app/ui/plain-markdown.tsx", import.meta.url)) }] },
  optimizeDeps: { exclude: ["sequelize", "sqlite3", "mysql2"] },
  ssr: { external: ["sequelize", "sqlite3", "mysql2", "umzug"] },
});
