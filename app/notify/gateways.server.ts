import { emailContent, smsText, type SmsTemplate } from "./outbox.server";

export type Channel = "sms" | "email";

export interface OutgoingMessage {
  id: number;
  channel: Channel;
  recipient: string;
  template: string;
  payload: Record<string, string>;
}

/**
 * Delivers one message or throws; a gateway must accept the same message id twice without delivering it twice
 * (the worker re-sends a message whose acceptance it could not record).
 */
export interface MessageGateway {
  name: string;
  send(message: OutgoingMessage, context: { now: Date }): Promise<void>;
}

/** Thrown by a gateway that must not send now (e.g. the recipient's rate limit): tried again at `until`, no attempt used. */
export class DeferDelivery extends Error {
  constructor(
    message: string,
    readonly until: Date,
  ) {
    super(message);
  }
}

const maskMobile = (recipient: string) => recipient.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2");

/** Writes each message to the server log: the default gateway for the demo and development. */
export const consoleGateway: MessageGateway = {
  name: "console",
  async send(message) {
    const template = message.template as SmsTemplate;
    if (message.channel === "email") {
      const { subject, text } = emailContent(template, message.payload);
      console.log(`[邮件] → ${message.recipient}：${subject} ${text}`);
    } else {
      console.log(`[短信] → ${maskMobile(message.recipient)}：${smsText(template, message.payload)}`);
    }
  },
};

export type ChannelGateways = Record<Channel, MessageGateway>;
