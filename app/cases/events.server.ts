import type { Transaction } from "sequelize";
import type { CurrentUser } from "~/identity/session.server";
import { insertRow } from "~/db/insert-row.server";
import { CaseEvent } from "./models.server";

/** Appends one timeline entry; the timeline is never updated or deleted. */
export async function recordEvent(
  transaction: Transaction,
  entry: { caseId: number; type: string; actor: Pick<CurrentUser, "id" | "name" | "departmentId"> | null; fromState: string | null; toState: string; note?: string | null },
): Promise<void> {
  await insertRow(
    CaseEvent,
    {
      caseId: entry.caseId,
      type: entry.type,
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.name ?? "系统",
      departmentId: entry.actor?.departmentId ?? null,
      fromState: entry.fromState,
      toState: entry.toState,
      note: entry.note ?? null,
    },
    transaction,
  );
}
