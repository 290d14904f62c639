import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The MySQL connections accept several statements per query (decision record 007), so SQL text must never carry
 * input: values go in as replacements or bound parameters. This reads every query call in app/ and lists what is
 * pasted into SQL text — only fragments written in the code (identifiers, placeholder lists, dialect clauses)
 * may be, and each is named here after review. A new one fails until it is reviewed and added.
 */
const REVIEWED: Record<string, string[]> = {
  // China's date today (chinaDate: YYYY-MM-DD computed from the clock) in the overdue follow-up count.
  "app/evaluation/ratings.server.ts": ["today"],
  // JSON_OBJECT: keys and values through `literal`.
  "app/db/insert-row.server.ts": ['Object.entries(entries).map(([k, v]) => `${literal(k)}, ${literal(v)}`).join(", ")'],
  // Scope and period filters: column comparisons with `?` placeholders, values in `replacements`.
  "app/stats/dashboard.server.ts": ["from.sql", "where"],
  // Rollup maintenance: table and column names from the GRAINS constant, key column lists, sub-selects with `?`,
  // the dialect's upsert clause, the constant SATISFIED_MIN_LEVEL.
  "app/stats/rollups.server.ts": [
    "submitted",
    "touched",
    "g.cases",
    'key.join(", ")',
    "g.of(submitted)",
    'upsert([...key, "state"], ["cases"])',
    "g.column",
    "g.finish",
    "g.of(done)",
    "done",
    'upsert(key, ["finished", "on_time"])',
    'mysql() ? "ON DUPLICATE KEY UPDATE state = VALUES(state)" : "ON CONFLICT (case_id) DO UPDATE SET state = excluded.state"',
    "table",
    "g.of(rated)",
    "SATISFIED_MIN_LEVEL",
    'upsert(key, ["ratings", "satisfied"])',
  ],
};

/**
 * Calls that send SQL text as it is, and which argument holds it: `x.query(sql)` / `x.execute(sql)` (Sequelize,
 * drivers), Sequelize's `literal(sql)`, insert-row's `new SqlExpression(sql)` and `runBatch(writes, read)`, and
 * direct.server's `execute(transaction, sql)`, `executeBatch(transaction, sql)`, `returningRow(…)`.
 */
const SQL_ARGUMENT = (callee: ts.Expression): number | null => {
  if (ts.isPropertyAccessExpression(callee)) return ["query", "execute", "literal"].includes(callee.name.text) ? 0 : null;
  if (ts.isIdentifier(callee)) return ["literal", "SqlExpression", "runBatch"].includes(callee.text) ? 0 : ["execute", "returningRow"].includes(callee.text) ? 1 : null;
  return null;
};

/**
 * Modules that pass SQL held in variables, assembled from statement texts and escaped literals (see there); the
 * submission passes its tracking-number expression (an escaped prefix and counter name, tracking-number.ts).
 */
const ASSEMBLERS = new Set(["app/db/direct.server.ts", "app/db/insert-row.server.ts", "app/stats/rollups.server.ts", "app/cases/submit.server.ts"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Pasted {
  file: string;
  line: number;
  text: string;
}

function pastedIntoSql(): { pasted: Pasted[]; opaque: Pasted[] } {
  const pasted: Pasted[] = [];
  const opaque: Pasted[] = [];
  for (const file of sourceFiles("app")) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const visit = (node: ts.Node) => {
      const index = ts.isCallExpression(node) || ts.isNewExpression(node) ? SQL_ARGUMENT(node.expression) : null;
      const sql = index === null ? undefined : (node as ts.CallExpression | ts.NewExpression).arguments?.[index];
      if (sql) {
        if (!ts.isStringLiteralLike(sql)) {
          if (ts.isTemplateExpression(sql)) for (const span of sql.templateSpans) pasted.push({ file, line: at(span), text: span.expression.getText() });
          else opaque.push({ file, line: at(sql), text: sql.getText() });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { pasted, opaque };
}

describe("SQL text in app code", () => {
  const { pasted, opaque } = pastedIntoSql();

  it("finds the query calls it checks (the scan itself works)", () => {
    expect(pasted.length).toBeGreaterThan(10);
  });

  it("pastes only reviewed, code-written fragments into SQL", () => {
    const unreviewed = pasted.filter((p) => !REVIEWED[p.file]?.includes(p.text)).map((p) => `${p.file}:${p.line} \${${p.text}}`);
    expect(unreviewed).toEqual([]);
  });

  it("passes SQL held in a variable only inside the modules that assemble it", () => {
    expect(opaque.filter((p) => !ASSEMBLERS.has(p.file)).map((p) => `${p.file}:${p.line} ${p.text}`)).toEqual([]);
  });
});
