import { useMatches } from "@remix-run/react";

/**
 * `export const handle = { hydrate: false } satisfies PageHandle` on a route whose page works fully as
 * server-rendered HTML: a first visit to it loads no framework JavaScript (React DOM and the Remix runtime
 * alone are ~82 kB gzip, over the 80 kB budget of guide and catalog pages — issue #4, item 8). Its links
 * and forms are plain HTML; small inline scripts add what needs the browser (see suggest-script.ts).
 */
export interface PageHandle {
  hydrate?: boolean;
}

/**
 * True while the server renders a document that will not be hydrated. Always false in the browser: code
 * running there belongs to a hydrated document, which renders a static route client-side after a
 * navigation like any other route.
 */
export function useStaticDocument(): boolean {
  // A build-time constant, so the hook order never changes within one bundle; the browser's is just `false`.
  if (!import.meta.env.SSR) return false;
  return useMatches().some((m) => (m.handle as PageHandle | undefined)?.hydrate === false);
}

/** The installable hall's service worker (offline notice, cached assets), as root's App registers it when hydrated. */
export const SERVICE_WORKER_SCRIPT = !import.meta.env.SSR ? "" : `"serviceWorker"in navigator&&navigator.serviceWorker.register("/sw.js").catch(function(){})`;
