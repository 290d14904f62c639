import { QueryTypes, type Sequelize, type Transaction } from "sequelize";

/**
 * SQL literals for multi-row INSERTs, written the way Sequelize itself stores values (checked against
 * `sequelize.escape` at start-up), but without its per-value cost: generation formats tens of millions of them.
 */
export interface Literals {
  str(value: string | null): string;
  num(value: number | null): string;
  bool(value: boolean): string;
  /** An instant given in epoch milliseconds, as the app's DATE columns hold it. */
  ts(ms: number | null): string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** The escapes of Sequelize's (sqlstring's) MySQL dialect. */
const MYSQL_ESCAPES: Record<string, string> = { "\0": "\\0", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1a": "\\Z", '"': '\\"', "'": "\\'", "\\": "\\\\" };

export function literals(sequelize: Sequelize): Literals {
  const mysql = sequelize.getDialect() === "mysql";
  const str = mysql
    ? (value: string | null) => (value == null ? "NULL" : `'${value.replace(/[\0\b\t\n\r\x1a"'\\]/g, (c) => MYSQL_ESCAPES[c])}'`)
    : (value: string | null) => (value == null ? "NULL" : `'${value.replace(/'/g, "''")}'`);
  // SQLite: UTC with milliseconds and offset; MySQL (connection timezone +08:00): China wall-clock seconds.
  const ts = mysql
    ? (ms: number | null) => {
        if (ms == null) return "NULL";
        const d = new Date(ms + 8 * 3600_000);
        return `'${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}'`;
      }
    : (ms: number | null) => (ms == null ? "NULL" : `'${new Date(ms).toISOString().replace("T", " ").replace("Z", " +00:00")}'`);
  const made: Literals = {
    str,
    num: (value) => (value == null ? "NULL" : String(value)),
    bool: (value) => (value ? "1" : "0"),
    ts,
  };
  const sample = Date.UTC(2026, 2, 4, 5, 6, 7);
  if (made.ts(sample) !== sequelize.escape(new Date(sample) as unknown as string)) {
    throw new Error(`date literal ${made.ts(sample)} differs from Sequelize's ${sequelize.escape(new Date(sample) as unknown as string)}`);
  }
  const text = `a'b\\c\n"d"\t\r\b\0\x1a`;
  if (made.str(text) !== sequelize.escape(text)) throw new Error(`string literal ${made.str(text)} differs from Sequelize's ${sequelize.escape(text)}`);
  return made;
}

/** Collects row tuples for one table and sends them as multi-row INSERT statements of `rowsPerStatement`. */
export class BulkInsert {
  private rows: string[] = [];
  inserted = 0;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly rowsPerStatement: number,
  ) {}

  add(tuple: readonly string[]): void {
    if (tuple.length !== this.columns.length) throw new Error(`${this.table}: ${tuple.length} values for ${this.columns.length} columns`);
    this.rows.push(`(${tuple.join(",")})`);
  }

  get pending(): number {
    return this.rows.length;
  }

  async flush(transaction: Transaction): Promise<void> {
    const head = `INSERT INTO ${this.table} (${this.columns.join(",")}) VALUES `;
    for (let i = 0; i < this.rows.length; i += this.rowsPerStatement) {
      const slice = this.rows.slice(i, i + this.rowsPerStatement);
      await this.sequelize.query(head + slice.join(","), { transaction, logging: false, type: QueryTypes.INSERT });
      this.inserted += slice.length;
    }
    this.rows = [];
  }
}
