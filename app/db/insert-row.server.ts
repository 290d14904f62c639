import { DataTypes, type CreationAttributes, type Model, type ModelStatic, type Transaction } from "sequelize";
import { sequelize } from "./connection.server";
import { dateText, execute, runBatch } from "./direct.server";
import { counterIncrementSql } from "./sequence.server";

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
 * Inserts one row in one statement and returns its id, without building a model instance: for the hot writes
 * (timeline entries and outbox messages of the case actions) where Model.create's instance machinery costs
 * several times the statement itself. Values are the model's attributes; JSON attributes are serialized, literal
 * defaults and the timestamps are filled in as Model.create would. The statement is prepared once per connection
 * and the values are bound (dates in the connection's time zone), see direct.server.
 */
export async function insertRow<M extends Model>(model: ModelStatic<M>, values: CreationAttributes<M>, transaction: Transaction): Promise<number> {
  return insert(model as unknown as ModelStatic<Model>, values, transaction);
}

/** SQL computed by the database in place of a value: a counter's value, or a column of the parent row (`p.id`). */
export class SqlExpression {
  constructor(readonly text: string) {}
}

/** A JSON object built by the database (JSON_OBJECT, in both dialects) from literals and SQL values. */
export const jsonObjectSql = (entries: Record<string, unknown>) =>
  new SqlExpression(`JSON_OBJECT(${Object.entries(entries).map(([k, v]) => `${literal(k)}, ${literal(v)}`).join(", ")})`);

/**
 * A row, the rows that reference it and, optionally, a counter it draws from, written as one statement batch that
 * needs nothing back from the database between its statements:
 * - the counter is incremented and the parent inserted only while the guard's row exists (INSERT … SELECT … FROM
 *   guard); the parent's values may use the counter's new value (`counterValueSql`, sequence.server);
 * - each dependent row is inserted from the parent row found again by its unique key (alias `p`), so it exists
 *   exactly when the parent does, and its values may use the parent's columns (`new SqlExpression("p.id")`);
 * - the read, in the same transaction, returns the parent's `columns` — no row when the guard's row was not there,
 *   and then nothing at all was written.
 * Values are escaped as literals by the dialect, with the connection's time zone.
 */
export interface Family<M extends Model> {
  counter?: { name: string };
  parent: { model: ModelStatic<M>; values: object; guard: InsertGuard; key: Record<string, string | number> };
  dependents: Array<{ model: ModelStatic<Model>; values: object }>;
  columns: string[];
}

function familyStatements<M extends Model>(family: Family<M>): { writes: string[]; read: string } {
  const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  const guard = (source: InsertGuard) =>
    `FROM ${quote(source.table)} WHERE ${Object.entries(source.where).map(([c, v]) => `${quote(c)} = ${literal(v)}`).join(" AND ")}`;
  const parentTable = planFor(family.parent.model as unknown as ModelStatic<Model>).table;
  const found = `FROM ${quote(parentTable)} p WHERE ${Object.entries(family.parent.key).map(([c, v]) => `p.${quote(c)} = ${literal(v)}`).join(" AND ")}`;
  const writes: string[] = [];
  if (family.counter) writes.push(counterIncrementSql(family.counter.name, guard(family.parent.guard)));
  const insert = (model: ModelStatic<Model>, values: object, source: string) => {
    const row = rowOf(model, values);
    return `${insertHead(row.table, row.fields)} SELECT ${row.values.map(literal).join(", ")} ${source}`;
  };
  writes.push(insert(family.parent.model as unknown as ModelStatic<Model>, family.parent.values, guard(family.parent.guard)));
  for (const row of family.dependents) writes.push(insert(row.model, row.values, found));
  // Found again only when this batch wrote it: a parent with the same key from before stays unseen when the guard
  // kept this one out (a retry after a republication), and a new one with the key would have failed the batch.
  const read = `SELECT ${family.columns.map((c) => `p.${quote(c)} AS ${quote(c)}`).join(", ")} ${found} AND EXISTS (SELECT 1 ${guard(family.parent.guard)})`;
  return { writes, read };
}

/**
 * Writes a Family (see there) in one batch — in the caller's transaction, or in one of its own, which on MySQL
 * makes the whole write a single round trip — and returns the parent's columns, or null when the guard's row was
 * not there and nothing was written.
 */
export async function insertFamily<M extends Model>(family: Family<M>, transaction?: Transaction): Promise<Record<string, unknown> | null> {
  const { writes, read } = familyStatements(family);
  return (await runBatch(writes, read, transaction))[0] ?? null;
}

/** A value as an SQL literal (escaped by the dialect, dates in the connection's time zone), or its SQL as it is. */
function literal(value: unknown): string {
  if (value instanceof SqlExpression) return value.text;
  return sequelize.escape((value instanceof Date ? dateText(value) : value) as string);
}

/** "INSERT INTO table (columns)" per table and column list, cached: a call site always sends the same text. */
const heads = new Map<string, string>();

function insertHead(table: string, fields: string[]): string {
  const key = `${table}|${fields.join(",")}`;
  let head = heads.get(key);
  if (!head) {
    const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
    heads.set(key, (head = `INSERT INTO ${quote(table)} (${fields.map(quote).join(", ")})`));
  }
  return head;
}

/** The prepared INSERT for these columns (prepared once per connection). */
const statementText = (table: string, fields: string[]) => `${insertHead(table, fields)} VALUES (${fields.map(() => "?").join(", ")})`;

/** The columns and values a row is written with: JSON serialized, literal defaults and timestamps filled in. */
function rowOf(model: ModelStatic<Model>, values: object): { table: string; fields: string[]; values: unknown[] } {
  const plan = planFor(model);
  const given = values as Record<string, unknown>;
  const now = new Date();
  const fields: string[] = [];
  const bound: unknown[] = [];
  for (const column of plan.columns) {
    let value = given[column.key];
    if (value === undefined && (column.key === plan.createdAt || column.key === plan.updatedAt)) value = now;
    if (value === undefined) value = column.fallback;
    if (value === undefined) continue;
    fields.push(column.field);
    bound.push(column.json && value !== null && !(value instanceof SqlExpression) ? JSON.stringify(value) : value);
  }
  return { table: plan.table, fields, values: bound };
}

async function insert(model: ModelStatic<Model>, values: object, transaction: Transaction): Promise<number> {
  const row = rowOf(model, values);
  return (await execute(transaction, statementText(row.table, row.fields), row.values)).insertId;
}
