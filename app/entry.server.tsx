import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startScheduler } from "~/cases/scheduler.server";
import { config } from "~/config.server";
import { sequelize } from "~/db/connection.server";
import { closeDocumentRenderers } from "~/documents/renderers.server";
import { configuredGateways } from "~/notify/config.server";
import { startReviewerReminders } from "~/notify/reminders.server";
import { startOutboxWorker } from "~/notify/worker.server";
import { startRollupWorker } from "~/stats/rollups.server";

export const streamTimeout = 5_000;

// Deadline effects (超时默许, overdue flags) run in every app process; each effect applies exactly once
// because it re-checks under the case row lock (docs/decisions/002-case-integrity.md).
const { scheduler } = config();
const stops: Array<() => void> = [];
if (scheduler.enabled) {
  stops.push(startScheduler(scheduler.intervalMs));
  // Notifications written in case transactions are delivered by the gateway (console by default).
  stops.push(startOutboxWorker(configuredGateways(), scheduler.outboxIntervalMs));
  // Reviewers' due-soon and overdue reminders, once a working day.
  stops.push(startReviewerReminders());
  // Statistics rollups follow the case timeline within seconds (exactly-once under the watermark lock).
  stops.push(startRollupWorker(scheduler.statsIntervalMs));
}

// remix-serve stops accepting requests on SIGTERM/SIGINT; release what would keep the process alive.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    for (const stop of stops) stop();
    void Promise.allSettled([sequelize.close(), closeDocumentRenderers()]);
  });
}

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  // Crawlers and no-JS clients get the complete document; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={context} url={request.url} />, {
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        headers.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1_000);
  });
}
