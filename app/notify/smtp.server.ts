import type { HallConfig } from "~/config.server";
import nodemailer from "nodemailer";
import type { MessageGateway } from "./gateways.server";
import { emailContent, type SmsTemplate } from "./outbox.server";

export interface SmtpConfig {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

/** SMTP_URL (required, checked by the configuration) and SMTP_FROM. */
export function smtpConfig(hall: HallConfig): SmtpConfig {
  if (!hall.email.smtpUrl) throw new Error("邮件网关配置不完整：缺少 SMTP_URL");
  return { url: hall.email.smtpUrl, from: hall.email.from };
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
