import { DataTypes, QueryTypes, type CreationAttributes, type Model, type ModelStatic, type Transaction } from "sequelize";
import { sequelize } from "./connection.server";

/** A model's attributes as (attribute, column, is JSON, literal default), computed once per model. */
type ColumnPlan = Array<{ key: string; field: string; json: boolean; fallback: unknown }>;
const plans = new WeakMap<ModelStatic<Model>, { table: string; columns: ColumnPlan; createdAt?: string; updatedAt?: string }>();

function planFor(model: ModelStatic<Model>) {
  let plan = plans.get(model);
  if (!plan) {
    const attributes = model.getAttributes() as Record<string, { field?: string; type: unknown; defaultValue?: unknown; autoIncrement?: boolean }>;
    const timestamps = model.options.timestamps !== false;
    const createdAt = timestamps && model.options.createdAt !== false ? "createdAt" : undefined;
    const updatedAt = timestamps && model.options.updatedAt !== false ? "updatedAt" : undefined;
    const columns = Object.entries(attributes)
      .filter(([, a]) => !a.autoIncrement)
      .map(([key, a]) => ({
        key,
        field: a.field ?? key,
        json: a.type instanceof DataTypes.JSON,
        fallback: typeof a.defaultValue === "function" || a.defaultValue instanceof DataTypes.NOW ? undefined : a.defaultValue,
      }));
    plan = { table: String(model.getTableName()), columns, createdAt, updatedAt };
    plans.set(model, plan);
  }
  return plan;
}

/** A condition on another table's row the insert depends on: no row matching `where`, nothing inserted. */
export interface InsertGuard {
  table: string;
  /** Column name → value, all equal. */
  where: Record<string, string | number>;
}

/**
 * Inserts one row in one statement and returns its id, without building a model instance: for the hot write
 * paths (submission, timeline events, outbox) where Model.create's instance machinery costs several times the
 * statement itself. Values are the model's attributes; JSON attributes are serialized, literal defaults and
 * the timestamps are filled in as Model.create would. Values are escaped as literals by the dialect, with the
 * connection's time zone.
 */
export async function insertRow<M extends Model>(model: ModelStatic<M>, values: CreationAttributes<M>, transaction: Transaction): Promise<number> {
  return (await insert(model as unknown as ModelStatic<Model>, values, transaction))!;
}

/**
 * insertRow, in the same single statement, only while the guard's row exists (INSERT … SELECT … FROM guard):
 * null when it does not, and then nothing was written.
 */
export async function insertRowIf<M extends Model>(
  model: ModelStatic<M>,
  values: CreationAttributes<M>,
  transaction: Transaction,
  guard: InsertGuard,
): Promise<number | null> {
  return insert(model as unknown as ModelStatic<Model>, values, transaction, guard);
}

/**
 * A value as an SQL literal, escaped by the dialect with the connection's time zone (query replacements format
 * dates without it, which on MySQL would store them eight hours off).
 */
const literal = (value: unknown) => sequelize.escape(value as string);

async function insert(model: ModelStatic<Model>, values: object, transaction: Transaction, guard?: InsertGuard): Promise<number | null> {
  const plan = planFor(model);
  const given = values as Record<string, unknown>;
  const now = new Date();
  const fields: string[] = [];
  const literals: string[] = [];
  for (const column of plan.columns) {
    let value = given[column.key];
    if (value === undefined && (column.key === plan.createdAt || column.key === plan.updatedAt)) value = now;
    if (value === undefined) value = column.fallback;
    if (value === undefined) continue;
    fields.push(column.field);
    literals.push(literal(column.json && value !== null ? JSON.stringify(value) : value));
  }
  const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  let sql = `INSERT INTO ${quote(plan.table)} (${fields.map(quote).join(", ")}) `;
  if (guard) {
    const conditions = Object.keys(guard.where);
    sql += `SELECT ${literals.join(", ")} FROM ${quote(guard.table)} WHERE ${conditions.map((c) => `${quote(c)} = ${literal(guard.where[c])}`).join(" AND ")}`;
  } else {
    sql += `VALUES (${literals.join(", ")})`;
  }
  const [id, inserted] = (await sequelize.query(sql, { transaction, type: QueryTypes.INSERT })) as unknown as [number, number];
  return inserted ? Number(id) : null;
}
