import { runEvery } from "~/background.server";
import { now as clockNow } from "~/clock.server";
import type { MessageGateway } from "./gateways.server";
import { OutboxMessage } from "./models.server";

export const MAX_ATTEMPTS = 6;
const BATCH = 50;

/** Seconds to wait before attempt n+1: 30 s, 1 min, 2 min, 4 min, 8 min. */
export function backoffMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dead: number;
}

/**
 * Delivers the outbox messages that are due, oldest first. Each message is claimed with a conditional update
 * (status pending and the attempt count it was read with), so two workers never send the same attempt; a
 * message is marked sent only after the gateway accepted it. A recipient whose earlier message is still
 * waiting gets nothing newer in this round, so messages arrive in order per recipient.
 */
export async function deliverDue(gateway: MessageGateway, now = clockNow()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0 };
  const blocked = new Set<string>();
  const waiting = await OutboxMessage.findAll({ where: { status: "pending" }, order: [["id", "ASC"]], limit: BATCH });
  for (const message of waiting) {
    if (blocked.has(message.recipient)) continue;
    if (message.nextAttemptAt > now) {
      blocked.add(message.recipient);
      continue;
    }
    const attempts = message.attempts + 1;
    const [claimed] = await OutboxMessage.update(
      { attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
      { where: { id: message.id, status: "pending", attempts: message.attempts } },
    );
    if (claimed !== 1) {
      blocked.add(message.recipient);
      continue;
    }
    try {
      await gateway.send({ id: message.id, channel: message.channel, recipient: message.recipient, template: message.template, payload: message.payload });
      await OutboxMessage.update({ status: "sent", sentAt: now, lastError: null }, { where: { id: message.id } });
      report.sent++;
    } catch (error) {
      const dead = attempts >= MAX_ATTEMPTS;
      await OutboxMessage.update({ status: dead ? "dead" : "pending", lastError: String(error instanceof Error ? error.message : error).slice(0, 1000) }, { where: { id: message.id } });
      if (dead) report.dead++;
      else report.failed++;
      blocked.add(message.recipient);
    }
  }
  return report;
}

/** Dead letters, newest first, for the center to look at and retry. */
export async function deadLetters(limit = 100) {
  return OutboxMessage.findAll({ where: { status: "dead" }, order: [["id", "DESC"]], limit });
}

/** Puts a dead letter back in the queue for an immediate retry. */
export async function retryDeadLetter(id: number, now = clockNow()): Promise<boolean> {
  const [n] = await OutboxMessage.update({ status: "pending", attempts: 0, nextAttemptAt: now }, { where: { id, status: "dead" } });
  return n === 1;
}


/** Delivers due messages every `intervalMs` in this process, one round at a time; returns the stop function. */
export function startOutboxWorker(gateway: MessageGateway, intervalMs = 5_000): () => void {
  return runEvery("outbox", intervalMs, () => deliverDue(gateway));
}
