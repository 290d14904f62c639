import http from "node:http";
import type { AddressInfo } from "node:net";
import { smsSignature } from "~/notify/http-sms.server";

export interface ReceivedSms {
  messageId: string;
  mobile: string;
  content: string;
}

/**
 * A local SMS provider on 127.0.0.1 for tests: checks the signature (401 when wrong), answers 503 to the first
 * `failFirst` requests, and records each message id once (a repeated id is acknowledged, not recorded again).
 */
export async function startFakeSmsGateway(options: { appKey: string; secret: string; failFirst?: number }) {
  const received: ReceivedSms[] = [];
  let requests = 0;
  let rejectedSignatures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const body = Buffer.concat(chunks).toString("utf8");
      const expected = smsSignature(options.secret, options.appKey, String(req.headers["x-timestamp"]), body);
      if (req.headers["x-app-key"] !== options.appKey || req.headers["x-signature"] !== expected) {
        rejectedSignatures++;
        res.writeHead(401).end("bad signature");
        return;
      }
      if (requests <= (options.failFirst ?? 0)) {
        res.writeHead(503).end("busy");
        return;
      }
      const sms = JSON.parse(body) as ReceivedSms;
      if (!received.some((r) => r.messageId === sms.messageId)) received.push({ messageId: sms.messageId, mobile: sms.mobile, content: sms.content });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
  return {
    url,
    received,
    stats: () => ({ requests, rejectedSignatures }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
