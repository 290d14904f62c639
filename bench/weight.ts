/**
 * `npm run bench:weight`: all JavaScript a first visit to a page loads, gzip-compressed, from the production
 * build (run `npm run build` first). The build is served on a fresh SQLite database (prepared as `npm start`
 * prepares it) and each page is fetched anonymously:
 * - a page that is not hydrated (`<html data-hydrate="false">`, routes with `handle = { hydrate: false }`)
 *   loads only what its HTML names: its inline scripts and any `<script src>` / modulepreload files;
 * - a hydrated page (or one that sends an anonymous visitor to log in, like the form) loads what Remix's
 *   <Scripts /> names, read from the browser manifest (build/client/assets/manifest-*.js): the entry, the
 *   root route and the page's route with everything they import. Its inline hydration data is not counted.
 * The last line is one JSON object.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";

const CLIENT = path.resolve("build", "client");
if (!fs.existsSync("build/server/index.js")) throw new Error("build/ is missing: run `npm run build` first");
const manifestFile = fs.readdirSync(path.join(CLIENT, "assets")).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("build/client has no Remix manifest: run `npm run build` first");
const source = fs.readFileSync(path.join(CLIENT, "assets", manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

const gzip = (bytes: Buffer | string) => zlib.gzipSync(bytes).length;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const fileBytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzip(fs.readFileSync(path.join(CLIENT, file.replace(/^\//, "")))), 0);

function hydratedVisit(routeId: string): Set<string> {
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", routeId]) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    files.add(route.module);
    for (const i of route.imports ?? []) files.add(i);
  }
  return files;
}

/** What a server-rendered page's HTML makes the browser load: files by URL, and the inline scripts' text. */
function staticVisit(html: string): { files: Set<string>; inline: string[] } {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) files.add(m[1]);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
  return { files, inline };
}

// The production build on its own database.
const db = path.resolve("data", "bench", "weight.sqlite");
fs.mkdirSync(path.dirname(db), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `sqlite:${db}`, NODE_ENV: "production" as const, HALL_SCHEDULER: "off" };
const prepared = spawnSync("node_modules/.bin/tsx", ["scripts/prepare.ts"], { env, encoding: "utf8" });
if (prepared.status !== 0) throw new Error(`prepare failed:\n${prepared.stdout}\n${prepared.stderr}`);
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const server = spawn("node_modules/.bin/remix-serve", ["build/server/index.js"], { env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 150 || server.exitCode !== null) throw new Error("server did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const home = await (await fetch(`${base}/`)).text();
  const itemId = /href="\/items\/(\d+)"/.exec(home)?.[1];
  if (!itemId) throw new Error("the catalog lists no item");

  const pages = {
    form: { id: "routes/portal/apply", url: `/items/${itemId}/apply` },
    guide: { id: "routes/portal/item", url: `/items/${itemId}` },
    home: { id: "routes/portal/home", url: "/" },
    search: { id: "routes/portal/search", url: "/search?q=gtgsh" },
    track: { id: "routes/portal/track", url: "/track" },
  };
  const result: Record<string, number> = {};
  for (const [name, page] of Object.entries(pages)) {
    const res = await fetch(base + page.url, { redirect: "manual" });
    const html = await res.text();
    let bytes: number;
    let how: string;
    if (res.status === 200 && /<html[^>]*\bdata-hydrate="false"/.test(html)) {
      const { files, inline } = staticVisit(html);
      bytes = fileBytes(files) + inline.reduce((sum, s) => sum + gzip(s), 0);
      how = `not hydrated: ${inline.length} inline script(s), ${files.size} file(s)`;
    } else {
      bytes = fileBytes(hydratedVisit(page.id));
      how = `hydrated (${res.status}): entry + root + ${page.id}`;
    }
    result[`${name}_js_gzip_kb`] = kb(bytes);
    console.log(`${name.padEnd(6)} ${String(kb(bytes)).padStart(6)} kB gzip  ${page.url}  ${how}`);
  }
  console.log("budgets: form ≤ 150 kB, guide and catalog pages ≤ 80 kB");
  console.log(JSON.stringify(result));
} finally {
  server.kill("SIGTERM");
}
