import type { CreationAttributes, Transaction } from "sequelize";
import type { CurrentUser } from "~/identity/session.server";
import { insertRow } from "~/db/insert-row.server";
import { CaseEvent } from "./models.server";

export interface TimelineEntry {
  type: string;
  actor: Pick<CurrentUser, "id" | "name" | "departmentId"> | null;
  fromState: string | null;
  toState: string;
  note?: string | null;
}

/** The row of a timeline entry, without its case. */
export function eventRow(entry: TimelineEntry): Omit<CreationAttributes<CaseEvent>, "caseId"> {
  return {
    type: entry.type,
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.name ?? "系统",
    departmentId: entry.actor?.departmentId ?? null,
    fromState: entry.fromState,
    toState: entry.toState,
    note: entry.note ?? null,
  };
}

/** Appends one timeline entry; the timeline is never updated or deleted. */
export async function recordEvent(transaction: Transaction, entry: TimelineEntry & { caseId: number }): Promise<void> {
  await insertRow(CaseEvent, { ...eventRow(entry), caseId: entry.caseId }, transaction);
}
