/**
 * `npm run bench:search`: a catalog of 5,000 generated items (BENCH_ITEMS) in a fresh SQLite database;
 * in-process search latency over a mix of Chinese, full-pinyin and initials queries, then the real
 * `/api/v1/search` endpoint of the production build under 50 concurrent connections (BENCH_CONNECTIONS).
 * Needs `npm run build` first. Prints one JSON object as its last line.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { round, summarize } from "./support/stats";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const HTTP_REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 5000);
const file = path.resolve("data", "bench", "search.sqlite");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `sqlite:${file}`;

const { migrate } = await import("~/db/migrate.server");
const { seedDemoCounty } = await import("~/seed/seed.server");
const { sequelize } = await import("~/db/connection.server");
const { ItemVersion, ServiceItem } = await import("~/catalog/models.server");
const { searchCatalog, catalogIndex } = await import("~/catalog/search.server");

await migrate();
await seedDemoCounty();

// Names built from the words of real service items, so segmentation and pinyin see realistic text.
const SUBJECTS = ["个体工商户", "企业", "农民专业合作社", "食品经营", "药品零售", "公共场所", "建筑工程", "民办学校", "营业性演出", "道路运输", "林木采伐", "取水", "排污", "出版物零售", "旅馆业", "网吧", "烟草专卖", "医疗机构", "执业医师", "护士", "导游", "渔业船舶", "兽药经营", "种子生产", "特种设备"];
const ACTIONS = ["设立登记", "变更登记", "注销登记", "许可证核发", "许可证延续", "许可证变更", "备案", "年度报告", "资格认定", "证明开具", "补贴申领", "信息查询"];
const TOWNS = ["城关镇", "蒿坪镇", "汉王镇", "焕古镇", "向阳镇", "洞河镇", "洄水镇", "双桥镇", "高桥镇", "红椿镇", "高滩镇", "毛坝镇", "瓦庙镇", "麻柳镇", "双安镇", "东木镇", "界岭镇"];

const template = (await ItemVersion.findOne({ where: { status: "published" } }))!;
const existing = await ServiceItem.count();
const started = performance.now();
await sequelize.transaction(async (transaction) => {
  for (let i = existing; i < ITEMS; i += 500) {
    const batch = Array.from({ length: Math.min(500, ITEMS - i) }, (_, k) => {
      const n = i + k;
      const name = `${n % 7 === 0 ? TOWNS[n % TOWNS.length] : ""}${SUBJECTS[n % SUBJECTS.length]}${ACTIONS[Math.floor(n / SUBJECTS.length) % ACTIONS.length]}${n >= SUBJECTS.length * ACTIONS.length ? `（${Math.floor(n / (SUBJECTS.length * ACTIONS.length))}）` : ""}`;
      return { n, name };
    });
    const items = await ServiceItem.bulkCreate(
      batch.map(({ n, name }) => ({
        baseCode: String(n).padStart(12, "0"),
        implementationCode: `BENCH${String(n).padStart(26, "0")}`,
        name,
        departmentId: 1 + (n % 16),
        orgUnitId: 1,
        popular: false,
        publishedVersionId: null,
      })),
      { transaction },
    );
    const versions = await ItemVersion.bulkCreate(
      items.map((item) => ({
        itemId: item.id,
        version: 1,
        status: "published" as const,
        guide: { ...template.guide, name: item.name, aliases: [item.name.slice(0, 4)] },
        materials: template.materials,
        licence: null,
        publishedAt: new Date(),
      })),
      { transaction },
    );
    for (const [k, item] of items.entries()) await item.update({ publishedVersionId: versions[k].id }, { transaction });
  }
});
const items = await ServiceItem.count({ where: { publishedVersionId: { [(await import("sequelize")).Op.ne]: null } } });
console.log(`catalog: ${items} published items (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

const QUERIES = ["gtgsh", "个体工商户", "食品经营许可", "spjy", "jianzhu", "民办学校", "注销", "qy", "营业执照", "城关镇", "ylyzbj", "shipin", "备案", "特种设备", "导游资格"];
const buildStart = performance.now();
await catalogIndex();
const indexMs = performance.now() - buildStart;
for (let i = 0; i < 50; i++) await searchCatalog(QUERIES[i % QUERIES.length]);
const inProcess: number[] = [];
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  await searchCatalog(QUERIES[i % QUERIES.length]);
  inProcess.push(performance.now() - t);
}
await sequelize.close();
const local = summarize(inProcess);
console.log(`in-process: p50 ${local.p50.toFixed(2)} ms, p95 ${local.p95.toFixed(2)} ms (index built in ${indexMs.toFixed(0)} ms)`);

// The real endpoint of the production build, on this database.
const port = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
const server = spawn("node_modules/.bin/remix-serve", ["build/server/index.js"], {
  env: { ...process.env, PORT: String(port), HALL_SCHEDULER: "off", NODE_ENV: "production" },
  stdio: "ignore",
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    if (i > 150) throw new Error("server did not start");
  }
  await new Promise((r) => setTimeout(r, 200));
}
await fetch(`${base}/api/v1/search?q=gtgsh`);
const http: number[] = [];
let next = 0;
let failures = 0;
const httpStart = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (next < HTTP_REQUESTS) {
      const q = QUERIES[next++ % QUERIES.length];
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}`);
      await res.arrayBuffer();
      if (!res.ok) failures++;
      http.push(performance.now() - t);
    }
  }),
);
const seconds = (performance.now() - httpStart) / 1000;
server.kill("SIGTERM");
const remote = summarize(http);
console.log(`http (${CONNECTIONS} concurrent): p50 ${remote.p50.toFixed(1)} ms, p95 ${remote.p95.toFixed(1)} ms, ${(http.length / seconds).toFixed(0)} req/s, ${failures} failures`);
console.log(
  JSON.stringify({
    items,
    queries: inProcess.length,
    index_build_ms: Math.round(indexMs),
    p50_ms: round(local.p50),
    p95_ms: round(local.p95),
    http_connections: CONNECTIONS,
    http_requests: http.length,
    http_p50_ms: round(remote.p50, 1),
    http_p95_ms: round(remote.p95, 1),
    http_req_per_s: Math.round(http.length / seconds),
    http_failures: failures,
  }),
);
process.exit(0);
