/**
 * `npm run bench:weight`: all JavaScript a first visit to a page loads, gzip-compressed, from the production
 * build (run `npm run build` first). Reads Remix's browser manifest (build/client/assets/manifest-*.js): the
 * entry, the root route and the page's route with everything they import.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const CLIENT = path.resolve("build", "client");
const manifestFile = fs.readdirSync(path.join(CLIENT, "assets")).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("build/client has no Remix manifest: run `npm run build` first");
const source = fs.readFileSync(path.join(CLIENT, "assets", manifestFile), "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function gzipKb(files: Iterable<string>): number {
  let bytes = 0;
  for (const file of files) bytes += zlib.gzipSync(fs.readFileSync(path.join(CLIENT, file.replace(/^\//, "")))).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

function firstVisit(routeId: string): Set<string> {
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", routeId]) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    files.add(route.module);
    for (const i of route.imports ?? []) files.add(i);
  }
  return files;
}

const pages = { form: "routes/portal/apply", guide: "routes/portal/item", home: "routes/portal/home", search: "routes/portal/search", track: "routes/portal/track" };
const result: Record<string, number> = {};
for (const [name, id] of Object.entries(pages)) {
  result[`${name}_js_gzip_kb`] = gzipKb(firstVisit(id));
  console.log(`${name.padEnd(6)} ${String(result[`${name}_js_gzip_kb`]).padStart(6)} kB gzip  (${id})`);
}
console.log("budgets: form ≤ 150 kB, guide ≤ 80 kB");
console.log(JSON.stringify(result));
