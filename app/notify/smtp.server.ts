import nodemailer from "nodemailer";
import type { MessageGateway } from "./gateways.server";
import { emailContent, type SmsTemplate } from "./outbox.server";

export interface SmtpConfig {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

/** SMTP_URL (required) and SMTP_FROM. */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig {
  if (!env.SMTP_URL) throw new Error("邮件网关配置不完整：缺少 SMTP_URL");
  return { url: env.SMTP_URL, from: env.SMTP_FROM ?? "紫阳县网上办事大厅 <noreply@ziyang.gov.cn>" };
}

/** E-mail over SMTP; the Message-ID is derived from the outbox id, so a re-sent message is recognisably the same. */
export function smtpGateway(config: SmtpConfig): MessageGateway {
  const transport = nodemailer.createTransport(config.url);
  return {
    name: "smtp",
    async send(message) {
      const { subject, text } = emailContent(message.template as SmsTemplate, message.payload);
      await transport.sendMail({ from: config.from, to: message.recipient, subject, text, messageId: `<outbox-${message.id}@hall.ziyang.gov.cn>` });
    },
  };
}
