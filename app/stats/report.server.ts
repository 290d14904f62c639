/**
 * A department's printable monthly report (电子监察月报), rendered with Handlebars in strict mode from
 * templates/monthly_report.hbs with the same A4 style partial as the case documents. Values are HTML-escaped.
 */
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { chinaDateTime } from "~/calendar/china-time";
import type { Department } from "~/org/models.server";
import { buildDashboard } from "./dashboard.server";
import { formatRate, RATE_FORMULAS, type Period } from "./period";
import { rollupsRefreshedAt } from "./rollups.server";

const TEMPLATE_DIR = path.resolve("templates");
let template: HandlebarsTemplateDelegate | null = null;

function compiled(): HandlebarsTemplateDelegate {
  if (!template) {
    const env = Handlebars.create();
    env.registerPartial("a4-style", fs.readFileSync(path.join(TEMPLATE_DIR, "a4-style.hbs"), "utf8"));
    template = env.compile(fs.readFileSync(path.join(TEMPLATE_DIR, "monthly_report.hbs"), "utf8"), { strict: true });
  }
  return template;
}

export async function monthlyReport(department: Department, month: { month: string; from: string; to: string }, now: Date): Promise<string> {
  const period: Period = { preset: "custom", from: month.from, to: month.to };
  const [d, refreshed] = await Promise.all([buildDashboard(period, { departmentId: department.id, orgUnitId: null }, now), rollupsRefreshedAt()]);
  const r = d.totals.rates;
  const [year, mm] = month.month.split("-").map(Number);
  return compiled()({
    department: { name: department.name },
    report: { monthLabel: `${year}年${mm}月`, from: month.from, to: month.to, generatedAt: chinaDateTime(now), dataAsOf: refreshed ? chinaDateTime(refreshed) : "—" },
    totals: d.totals,
    rates: (Object.keys(RATE_FORMULAS) as Array<keyof typeof RATE_FORMULAS>).map((k) => ({
      label: RATE_FORMULAS[k].label,
      value: formatRate(r[k]),
      numerator: r[k].numerator,
      denominator: r[k].denominator,
      formula: RATE_FORMULAS[k].formula,
    })),
    items: { columns: d.tables.item.columns, rows: d.tables.item.rows },
    overdue: { total: d.overdue.total, columns: d.tables.overdue.columns, rows: d.tables.overdue.rows },
    followUps: d.followUps,
  });
}
