import { config, type HallConfig } from "~/config.server";
import { consoleGateway, type ChannelGateways, type MessageGateway } from "./gateways.server";
import { httpSmsConfig, httpSmsGateway } from "./http-sms.server";
import { smtpConfig, smtpGateway } from "./smtp.server";

type GatewayFactory = (config: HallConfig) => MessageGateway;

const factories = new Map<string, GatewayFactory>([
  ["console", () => consoleGateway],
  ["http", (c) => httpSmsGateway(httpSmsConfig(c))],
  ["smtp", (c) => smtpGateway(smtpConfig(c))],
]);

/** Makes another gateway selectable by name in SMS_GATEWAY / EMAIL_GATEWAY. */
export function registerGateway(name: string, factory: GatewayFactory): void {
  factories.set(name, factory);
}

/** The gateways named by SMS_GATEWAY (console | http) and EMAIL_GATEWAY (console | smtp); console by default. */
export function configuredGateways(hall: HallConfig = config()): ChannelGateways {
  const make = (variable: string, name: string) => {
    const factory = factories.get(name);
    if (!factory) throw new Error(`${variable}=${name}：未注册的消息网关（可用：${[...factories.keys()].join("、")}）`);
    return factory(hall);
  };
  return { sms: make("SMS_GATEWAY", hall.sms.gateway), email: make("EMAIL_GATEWAY", hall.email.gateway) };
}
