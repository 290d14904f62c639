import { runEvery } from "~/background.server";
import { now as clockNow } from "~/clock.server";
import { QueryTypes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { DeferDelivery, type Channel, type ChannelGateways, type MessageGateway } from "./gateways.server";
import { OutboxMessage } from "./models.server";
import { isEssential } from "./outbox.server";
import { config } from "~/config.server";

export const MAX_ATTEMPTS = 6;
const BATCH = 50;

/**
 * Wait before attempt n+1: 30 s, 1 min, 2 min, 4 min, 8 min. HALL_OUTBOX_RETRY_BASE_MS changes the first step
 * (end-to-end tests shorten it).
 */
export function backoffMs(attempts: number): number {
  return config().scheduler.outboxRetryBaseMs * 2 ** Math.max(0, attempts - 1);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  dead: number;
  /** Opted-out applicants' non-essential messages. */
  skipped: number;
  /** Postponed by the gateway (rate limit) without using an attempt. */
  deferred: number;
}

/** Applicants (by case) who opted out of non-essential messages, among the cases of these messages. */
async function optedOutCases(messages: OutboxMessage[]): Promise<Set<number>> {
  const caseIds = [...new Set(messages.filter((m) => m.caseId !== null && !isEssential(m.template)).map((m) => m.caseId!))];
  if (!caseIds.length) return new Set();
  const rows = await sequelize.query<{ id: number }>(
    "SELECT c.id AS id FROM cases c JOIN users u ON u.id = c.applicant_id WHERE u.notify_opt_out = ? AND c.id IN (?)",
    { replacements: [true, caseIds], type: QueryTypes.SELECT },
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * Delivers the outbox messages that are due, oldest first, each through its channel's gateway. Each message is
 * claimed with a conditional update (status pending and the attempt count it was read with), so two workers
 * never send the same attempt; a message is marked sent only after the gateway accepted it (a crash in between
 * re-sends it, and the gateway drops the repeat by message id). A recipient whose earlier message is still
 * waiting gets nothing newer in this round, so messages arrive in order per recipient. Non-essential messages
 * to an applicant who opted out are skipped, not sent.
 */
export async function deliverDue(gateways: ChannelGateways | MessageGateway, now = clockNow()): Promise<DeliveryReport> {
  const gatewayFor = (channel: Channel) => ("send" in gateways ? gateways : (gateways as ChannelGateways)[channel]);
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0, skipped: 0, deferred: 0 };
  const blocked = new Set<string>();
  const waiting = await OutboxMessage.findAll({ where: { status: "pending" }, order: [["id", "ASC"]], limit: BATCH });
  const optedOut = await optedOutCases(waiting);
  for (const message of waiting) {
    if (blocked.has(message.recipient)) continue;
    if (message.nextAttemptAt > now) {
      blocked.add(message.recipient);
      continue;
    }
    const pending = { id: message.id, status: "pending", attempts: message.attempts };
    if (message.caseId !== null && optedOut.has(message.caseId) && !isEssential(message.template)) {
      const [skipped] = await OutboxMessage.update({ status: "skipped", lastError: "申请人已退订非必要短信" }, { where: pending });
      report.skipped += skipped;
      continue;
    }
    const attempts = message.attempts + 1;
    const [claimed] = await OutboxMessage.update({ attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) }, { where: pending });
    if (claimed !== 1) {
      blocked.add(message.recipient);
      continue;
    }
    try {
      await gatewayFor(message.channel).send(
        { id: message.id, channel: message.channel, recipient: message.recipient, template: message.template, payload: message.payload },
        { now },
      );
      await OutboxMessage.update({ status: "sent", sentAt: now, lastError: null }, { where: { id: message.id } });
      report.sent++;
    } catch (error) {
      blocked.add(message.recipient);
      const reason = String(error instanceof Error ? error.message : error).slice(0, 1000);
      if (error instanceof DeferDelivery) {
        // Not the message's fault: give the attempt back and wait.
        await OutboxMessage.update({ attempts: message.attempts, nextAttemptAt: error.until, lastError: reason }, { where: { id: message.id } });
        report.deferred++;
        continue;
      }
      const dead = attempts >= MAX_ATTEMPTS;
      await OutboxMessage.update({ status: dead ? "dead" : "pending", lastError: reason }, { where: { id: message.id } });
      if (dead) report.dead++;
      else report.failed++;
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
export function startOutboxWorker(gateways: ChannelGateways, intervalMs = 5_000): () => void {
  return runEvery("outbox", intervalMs, () => deliverDue(gateways));
}
