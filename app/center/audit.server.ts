import type { Transaction } from "sequelize";
import { ADMIN_ACTION_LABELS, ADMIN_ENTITY_LABELS, AdminAudit, type AdminAction, type AdminEntity } from "./models.server";

/** Who acts: a signed-in center admin, or the command line. */
export interface AuditActor {
  id: number | null;
  name: string;
}

export async function recordAudit(
  t: Transaction | undefined,
  actor: AuditActor,
  action: AdminAction,
  entity: AdminEntity,
  entityKey: string,
  detail?: string,
): Promise<void> {
  await AdminAudit.create({ actorId: actor.id, actorName: actor.name, action, entity, entityKey, detail: detail ?? null }, { transaction: t });
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: string | null;
}

/** The newest entries first, optionally for one entity (e.g. one account's history). */
export async function auditEntries(filter: { entity?: AdminEntity; entityKey?: string; limit?: number } = {}): Promise<AuditEntryView[]> {
  const where: Record<string, string> = {};
  if (filter.entity) where.entity = filter.entity;
  if (filter.entityKey) where.entityKey = filter.entityKey;
  const rows = await AdminAudit.findAll({ where, order: [["id", "DESC"]], limit: Math.min(filter.limit ?? 200, 1000) });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    actor: r.actorName,
    action: ADMIN_ACTION_LABELS[r.action] ?? r.action,
    entity: ADMIN_ENTITY_LABELS[r.entity] ?? r.entity,
    entityKey: r.entityKey,
    detail: r.detail,
  }));
}

/** "字段：旧值 → 新值；…" for the fields that changed; null when nothing did. */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>, labels: Record<string, string>): string | null {
  const parts: string[] = [];
  for (const [key, label] of Object.entries(labels)) {
    const a = before[key] ?? "";
    const b = after[key] ?? "";
    if (JSON.stringify(a) !== JSON.stringify(b)) parts.push(`${label}：${format(a)} → ${format(b)}`);
  }
  return parts.length ? parts.join("；") : null;
}

const format = (v: unknown) => (Array.isArray(v) ? v.join("、") : v === "" ? "（空）" : String(v));
