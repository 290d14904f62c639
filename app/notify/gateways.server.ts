import { smsText, type SmsTemplate } from "./outbox.server";

export interface OutgoingMessage {
  id: number;
  channel: "sms" | "email";
  recipient: string;
  template: string;
  payload: Record<string, string>;
}

/** Delivers one message or throws; registered by name (console by default, so the demo works offline). */
export interface MessageGateway {
  name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** Writes each message to the server log: the default gateway for the demo and development. */
export const consoleGateway: MessageGateway = {
  name: "console",
  async send(message) {
    const text = message.channel === "sms" ? smsText(message.template as SmsTemplate, message.payload) : message.template;
    console.log(`[短信] → ${message.recipient.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2")}：${text}`);
  },
};

const gateways = new Map<string, MessageGateway>([[consoleGateway.name, consoleGateway]]);

export function registerGateway(gateway: MessageGateway): void {
  gateways.set(gateway.name, gateway);
}

/** The gateway named by MESSAGE_GATEWAY (default console). */
export function activeGateway(): MessageGateway {
  const name = process.env.MESSAGE_GATEWAY ?? "console";
  const gateway = gateways.get(name);
  if (!gateway) throw new Error(`未注册的消息网关：${name}`);
  return gateway;
}
