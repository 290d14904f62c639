import { consoleGateway, type ChannelGateways, type MessageGateway } from "./gateways.server";
import { httpSmsConfigFromEnv, httpSmsGateway } from "./http-sms.server";
import { smtpConfigFromEnv, smtpGateway } from "./smtp.server";

type GatewayFactory = (env: NodeJS.ProcessEnv) => MessageGateway;

const factories = new Map<string, GatewayFactory>([
  ["console", () => consoleGateway],
  ["http", (env) => httpSmsGateway(httpSmsConfigFromEnv(env))],
  ["smtp", (env) => smtpGateway(smtpConfigFromEnv(env))],
]);

/** Makes another gateway selectable by name in SMS_GATEWAY / EMAIL_GATEWAY. */
export function registerGateway(name: string, factory: GatewayFactory): void {
  factories.set(name, factory);
}

/** The gateways named by SMS_GATEWAY (console | http) and EMAIL_GATEWAY (console | smtp); console by default. */
export function configuredGateways(env: NodeJS.ProcessEnv = process.env): ChannelGateways {
  const make = (variable: string, name: string) => {
    const factory = factories.get(name);
    if (!factory) throw new Error(`${variable}=${name}：未注册的消息网关（可用：${[...factories.keys()].join("、")}）`);
    return factory(env);
  };
  return {
    sms: make("SMS_GATEWAY", env.SMS_GATEWAY ?? env.MESSAGE_GATEWAY ?? "console"),
    email: make("EMAIL_GATEWAY", env.EMAIL_GATEWAY ?? "console"),
  };
}
