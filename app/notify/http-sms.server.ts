import type { HallConfig } from "~/config.server";
import { createHmac } from "node:crypto";
import { countThisMinute } from "~/db/rate-limit.server";
import { DeferDelivery, type MessageGateway } from "./gateways.server";
import { smsText, type SmsTemplate } from "./outbox.server";

export interface HttpSmsConfig {
  /** The provider's send endpoint (POST, JSON). */
  url: string;
  appKey: string;
  /** Shared secret for the request signature. */
  secret: string;
  /** Messages one mobile number may receive per minute; more wait for the next minute. */
  perNumberPerMinute: number;
  timeoutMs: number;
}

/** SMS_HTTP_URL, SMS_HTTP_APP_KEY, SMS_HTTP_SECRET (required, checked by the configuration), SMS_PER_NUMBER_PER_MINUTE. */
export function httpSmsConfig(hall: HallConfig): HttpSmsConfig {
  if (!hall.sms.http) throw new Error("短信网关配置不完整：缺少 SMS_HTTP_URL、SMS_HTTP_APP_KEY 或 SMS_HTTP_SECRET");
  return { ...hall.sms.http, perNumberPerMinute: hall.sms.perNumberPerMinute, timeoutMs: 10_000 };
}

/**
 * The request signature: hex HMAC-SHA256 over "<app key>\n<timestamp>\n<body>" with the shared secret, sent
 * as X-Signature with X-App-Key and X-Timestamp (Unix seconds); the provider rejects stale timestamps.
 */
export function smsSignature(secret: string, appKey: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${appKey}\n${timestamp}\n${body}`).digest("hex");
}

/**
 * An SMS provider behind a signed JSON HTTP API. The outbox message id travels as `messageId`, which the
 * provider uses to drop a repeated request, so a message re-sent after a crash is delivered once.
 */
export function httpSmsGateway(config: HttpSmsConfig): MessageGateway {
  return {
    name: "http",
    async send(message, { now }) {
      if ((await countThisMinute("sms", message.recipient, now)) > config.perNumberPerMinute) {
        const nextMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
        throw new DeferDelivery("该号码本分钟短信已达上限", nextMinute);
      }
      const body = JSON.stringify({
        messageId: `hall-${message.id}`,
        mobile: message.recipient,
        content: smsText(message.template as SmsTemplate, message.payload),
        template: message.template,
      });
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const response = await fetch(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "x-app-key": config.appKey,
          "x-timestamp": timestamp,
          "x-signature": smsSignature(config.secret, config.appKey, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!response.ok) throw new Error(`短信网关返回 ${response.status}：${(await response.text()).slice(0, 200)}`);
    },
  };
}
