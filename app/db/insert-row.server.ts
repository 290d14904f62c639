import { DataTypes, type CreationAttributes, type Model, type ModelStatic, type Transaction } from "sequelize";
import { isSqlite, sequelize } from "./connection.server";
import { execute, executeBatch } from "./direct.server";

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
 * the timestamps are filled in as Model.create would. The statement is prepared once per connection and the values
 * are bound (dates in the connection's time zone), see direct.server.
 */
export async function insertRow<M extends Model>(model: ModelStatic<M>, values: CreationAttributes<M>, transaction: Transaction): Promise<number> {
  return (await insert(model as unknown as ModelStatic<Model>, values, transaction))!;
}

/** A row that references the parent row of insertFamily: `parentId` names the attribute that gets its id. */
export interface DependentRow<M extends Model = Model> {
  model: ModelStatic<M>;
  values: Omit<CreationAttributes<M>, "id">;
  parentId: string;
}

/**
 * Inserts a row only while the guard's row exists (INSERT … SELECT … FROM guard), together with the rows that
 * reference it (a case with its first timeline entry and message): the parent's id, or null when the guard's
 * row was not there, and then nothing at all was written. On MySQL the whole
 * family is one round trip — a multi-statement query of escaped literals in which the parent's id travels in a
 * session variable and each dependent row is inserted only when the parent was; on SQLite, where a statement
 * costs no round trip, the prepared statements run one after another.
 */
export async function insertFamily<M extends Model>(
  transaction: Transaction,
  parent: { model: ModelStatic<M>; values: CreationAttributes<M>; guard: InsertGuard },
  dependents: DependentRow[],
): Promise<number | null> {
  const parentModel = parent.model as unknown as ModelStatic<Model>;
  if (isSqlite()) {
    const id = await insert(parentModel, parent.values, transaction, parent.guard);
    if (id === null) return null;
    for (const row of dependents) await insert(row.model, { ...row.values, [row.parentId]: id }, transaction);
    return id;
  }
  const parentRow = rowOf(parentModel, parent.values);
  const sql = [
    withLiterals(statementText(parentRow.table, parentRow.fields, parent.guard), [...parentRow.values, ...Object.values(parent.guard.where)]),
    "SET @hall_parent_id = IF(ROW_COUNT() = 1, LAST_INSERT_ID(), NULL)",
    ...dependents.map((row) => {
      const built = rowOf(row.model, { ...row.values, [row.parentId]: PARENT });
      return withLiterals(statementText(built.table, built.fields, "parent"), built.values);
    }),
    "SELECT @hall_parent_id AS id",
  ].join(";\n");
  const results = await executeBatch(transaction, sql);
  const id = (results[results.length - 1] as Array<{ id: number | string | null }>)[0]?.id;
  return id === null || id === undefined ? null : Number(id);
}

/** Stands for the parent's id among a dependent row's values: on MySQL, the session variable that holds it. */
const PARENT = Symbol("parent id");

/**
 * A statement text with its placeholders replaced by the values as SQL literals, escaped by the dialect with the
 * connection's time zone. The texts come from statementText and hold no values, so every `?` is a placeholder.
 */
function withLiterals(text: string, values: unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const value = values[i++];
    return value === PARENT ? "@hall_parent_id" : sequelize.escape(value as string);
  });
}

/** The statement text per model, column list and guard shape: the same call site always gets the same text. */
const statements = new Map<string, string>();

/**
 * The INSERT for these columns: plain, under a guard row, or (MySQL, in insertFamily) only once the parent row is
 * in. Cached, so a call site always sends the same text — prepared once per connection.
 */
function statementText(table: string, fields: string[], source?: InsertGuard | "parent"): string {
  const shape = source === undefined ? "" : source === "parent" ? "parent" : `${source.table}:${Object.keys(source.where).join(",")}`;
  const key = `${table}|${fields.join(",")}|${shape}`;
  let sql = statements.get(key);
  if (!sql) {
    const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
    const placeholders = fields.map(() => "?").join(", ");
    sql = `INSERT INTO ${quote(table)} (${fields.map(quote).join(", ")}) `;
    if (source === undefined) sql += `VALUES (${placeholders})`;
    else if (source === "parent") sql += `SELECT ${placeholders} FROM DUAL WHERE @hall_parent_id IS NOT NULL`;
    else sql += `SELECT ${placeholders} FROM ${quote(source.table)} WHERE ${Object.keys(source.where).map((c) => `${quote(c)} = ?`).join(" AND ")}`;
    statements.set(key, sql);
  }
  return sql;
}

/** The columns and values a row is written with: JSON serialized, literal defaults and timestamps filled in. */
function rowOf(model: ModelStatic<Model>, values: object): { table: string; fields: string[]; values: unknown[] } {
  const plan = planFor(model);
  const given = values as Record<string | symbol, unknown>;
  const now = new Date();
  const fields: string[] = [];
  const bound: unknown[] = [];
  for (const column of plan.columns) {
    let value = given[column.key];
    if (value === undefined && (column.key === plan.createdAt || column.key === plan.updatedAt)) value = now;
    if (value === undefined) value = column.fallback;
    if (value === undefined) continue;
    fields.push(column.field);
    bound.push(column.json && value !== null ? JSON.stringify(value) : value);
  }
  return { table: plan.table, fields, values: bound };
}

async function insert(model: ModelStatic<Model>, values: object, transaction: Transaction, guard?: InsertGuard): Promise<number | null> {
  const row = rowOf(model, values);
  const bound = guard ? [...row.values, ...Object.values(guard.where)] : row.values;
  const { insertId, changes } = await execute(transaction, statementText(row.table, row.fields, guard), bound);
  return changes ? insertId : null;
}
