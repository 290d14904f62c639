import { Transaction, type InferAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { FieldError } from "~/schemas/validate.server";
import { Case } from "./models.server";

/** A concurrent change got there first; the whole transaction is retried from the start. */
export class ConcurrentChangeError extends Error {
  constructor() {
    super("办件已被他人同时修改，请重试");
  }
}

/** A refusal the user should read: bad input or a step that is not allowed now. Nothing was changed. */
export class CaseActionError extends Error {
  constructor(message: string, readonly status = 400, readonly fields: FieldError[] = []) {
    super(message);
  }
}

const RETRYABLE = /SQLITE_BUSY|ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT|Deadlock found|database is locked/;

function retryable(error: unknown): boolean {
  if (error instanceof ConcurrentChangeError) return true;
  const text = error instanceof Error ? `${error.name} ${error.message} ${(error as { parent?: Error }).parent?.message ?? ""}` : "";
  return RETRYABLE.test(text);
}

/**
 * Runs `work` in a transaction holding the case row's lock (FOR UPDATE on MySQL; SQLite's IMMEDIATE
 * transactions serialize writers), retrying on deadlocks, busy databases and lost row-version races.
 */
export async function withCaseTransaction<T>(caseId: number, work: (kase: Case, t: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(async (t) => {
        const kase = await Case.findByPk(caseId, { transaction: t, lock: t.LOCK.UPDATE });
        if (!kase) throw new CaseActionError("办件不存在", 404);
        return work(kase, t);
      });
    } catch (error) {
      if (attempt >= 8 || !retryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Writes changes to the case and bumps its row version, only if nobody changed it since it was read.
 * Every state change calls this, even when only its tasks changed, so two transactions can never both
 * act on the same case version.
 */
export async function saveCase(kase: Case, changes: Partial<InferAttributes<Case>>, transaction: Transaction): Promise<void> {
  const [affected] = await Case.update(
    { ...changes, version: kase.version + 1 },
    { where: { id: kase.id, version: kase.version }, transaction },
  );
  if (affected !== 1) throw new ConcurrentChangeError();
  kase.set({ ...changes, version: kase.version + 1 });
}

export { Transaction };
