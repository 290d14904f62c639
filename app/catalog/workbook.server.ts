/**
 * The catalog as an .xlsx workbook, and a department's item list imported from one.
 *
 * Layout (the same for export, import and the blank template): sheet 事项 (one row per item, the national
 * catalog elements with Chinese headers, code lists as their Chinese labels, lists joined with "、", multi-line
 * lists one entry per line), sheet 材料 (one row per material, linked by 事项基本编码), sheet 收费 (one row per
 * fee item) and a 填写说明 sheet that the import ignores.
 *
 * An import checks every row first (the schemas and the catalog quality rules, as publication does) and writes
 * nothing when any row is wrong; otherwise it publishes every new or changed item in ONE database transaction,
 * with an audit entry per item, so a failure (or the process dying) at any point leaves the catalog as it was.
 */
import { isDeepStrictEqual } from "node:util";
import ExcelJS from "exceljs";
import { Op, type Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit } from "~/org/models.server";
import type { Fee, ItemVersionDocument, Material, ServiceItem as Guide } from "~/schemas/types.generated";
import { toFormDefinition } from "~/studio/designer";
import { versionDocument } from "~/studio/drafts.server";
import { ItemAudit, ItemDraft } from "~/studio/models.server";
import codeLists from "../../schemas/code-lists.schema.json";
import { ItemVersion, ServiceItem } from "./models.server";
import { publishVersion, versionDocumentErrors } from "./service.server";
import { hasRole } from "~/identity/roles";

export const ITEMS_SHEET = "事项";
export const MATERIALS_SHEET = "材料";
export const FEES_SHEET = "收费";
export const NOTES_SHEET = "填写说明";
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
const LIST_SEPARATOR = "、";

type CodeListName = keyof typeof codeLists.definitions;
type CellValue = string | number | boolean | null;

/** One problem in the workbook: the sheet, its row number as Excel shows it, the column header, in Chinese. */
export interface WorkbookError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

type Kind =
  | { type: "text" }
  | { type: "code"; list: CodeListName }
  | { type: "codes"; list: CodeListName }
  | { type: "list" }
  | { type: "lines" }
  | { type: "steps" }
  | { type: "int" }
  | { type: "number" }
  | { type: "bool" };

interface Column {
  header: string;
  /** Where the value goes: a dotted path in the row's record (see ItemRecord / materials / fees). */
  key: string;
  kind: Kind;
  required?: boolean;
  /** Shown on export, not read on import (checked against what it is derived from). */
  exportOnly?: boolean;
  width?: number;
  note?: string;
}

const text = { type: "text" } as const;
const code = (list: CodeListName) => ({ type: "code", list }) as const;
const codes = (list: CodeListName) => ({ type: "codes", list }) as const;

/** The 事项 sheet. Keys: item.<element>, workflow.<days>, place.<…>. */
export const ITEM_COLUMNS: readonly Column[] = [
  { header: "事项名称", key: "item.name", kind: text, required: true, width: 30 },
  { header: "基本编码", key: "item.baseCode", kind: text, required: true, width: 16, note: "12 位基本目录编码，请按文本填写（保留开头的 0）" },
  { header: "实施编码", key: "item.implementationCode", kind: text, exportOnly: true, width: 34, note: "由实施主体信用代码 + 行使层级 + 基本编码生成，导入时可留空" },
  { header: "实施部门", key: "place.departmentName", kind: text, exportOnly: true, width: 20, note: "导出时显示，导入时以页面上选择的部门为准" },
  { header: "实施地行政区划代码", key: "place.orgUnitCode", kind: text, width: 14, note: "镇（街道）实施的事项填写镇的代码；留空为部门所在地" },
  { header: "别名和关键词", key: "item.aliases", kind: { type: "list" }, width: 20 },
  { header: "事项类型", key: "item.itemType", kind: code("itemType"), required: true },
  { header: "主管部门", key: "item.competentDepartment", kind: text, required: true, width: 20 },
  { header: "实施机关", key: "item.implementingBody", kind: text, required: true, width: 20 },
  { header: "设定和实施依据", key: "item.legalBasis", kind: { type: "lines" }, required: true, width: 50, note: "每条依据一行（单元格内换行）" },
  { header: "实施主体性质", key: "item.bodyNature", kind: code("bodyNature"), required: true },
  { header: "权力来源", key: "item.powerSource", kind: code("powerSource"), required: true },
  { header: "行使层级", key: "item.level", kind: code("level"), required: true },
  { header: "办件类型", key: "item.caseType", kind: code("caseType"), required: true },
  { header: "法定办结时限（工作日）", key: "workflow.legalDays", kind: { type: "int" }, required: true },
  { header: "承诺办结时限（工作日）", key: "workflow.promisedDays", kind: { type: "int" }, required: true, note: "即办件填 0" },
  { header: "服务对象", key: "item.serviceObjects", kind: codes("serviceObject"), required: true },
  { header: "办理形式", key: "item.handlingForms", kind: codes("handlingForm"), required: true },
  { header: "到办事现场次数", key: "item.visitsRequired", kind: { type: "int" }, required: true },
  { header: "必须现场办理原因", key: "item.visitReason", kind: text, width: 30 },
  { header: "是否收费", key: "item.charged", kind: { type: "bool" }, required: true },
  { header: "收费依据", key: "item.feeBasis", kind: text, width: 30, note: "收费项目填在“收费”表" },
  { header: "办理流程", key: "item.processSteps", kind: { type: "steps" }, required: true, width: 50, note: "每个环节一行：环节名称：环节说明" },
  { header: "办理地点", key: "item.location", kind: text, required: true, width: 30 },
  { header: "办理时间", key: "item.hours", kind: text, required: true, width: 30 },
  { header: "咨询电话", key: "item.consultPhone", kind: text, required: true, width: 16 },
  { header: "监督投诉电话", key: "item.complaintPhone", kind: text, required: true, width: 16 },
  { header: "受理条件", key: "item.conditions", kind: text, required: true, width: 50 },
  { header: "是否网办", key: "item.online", kind: { type: "bool" }, required: true },
  { header: "网上办理深度", key: "item.onlineDepth", kind: code("onlineDepth"), required: true, width: 18 },
  { header: "是否支持物流快递", key: "item.courier", kind: { type: "bool" }, required: true },
  { header: "是否支持网上支付", key: "item.onlinePayment", kind: { type: "bool" }, required: true },
  { header: "是否进驻政务大厅", key: "item.inHall", kind: { type: "bool" }, required: true },
  { header: "通办范围", key: "item.universalScope", kind: code("universalScope"), required: true },
  { header: "联办机构", key: "item.jointAgencies", kind: { type: "list" }, width: 20 },
  { header: "审批结果名称", key: "item.result.name", kind: text, required: true, width: 20 },
  { header: "审批结果类型", key: "item.result.type", kind: code("resultType"), required: true },
  { header: "审批结果样本说明", key: "item.result.sample", kind: text, width: 30 },
  { header: "数量限制", key: "item.quantityLimit", kind: text, width: 16 },
  { header: "个人主题分类", key: "item.personalThemes", kind: codes("personalTheme"), width: 16 },
  { header: "法人主题分类", key: "item.legalThemes", kind: codes("legalTheme"), width: 16 },
];

const LINK_COLUMN: Column = { header: "事项基本编码", key: "baseCode", kind: text, required: true, width: 16, note: "本材料（收费项目）所属事项的基本编码" };

export const MATERIAL_COLUMNS: readonly Column[] = [
  LINK_COLUMN,
  { header: "材料名称", key: "name", kind: text, required: true, width: 30 },
  { header: "材料标识", key: "key", kind: text, width: 18, note: "英文小写字母开头的标识；留空时自动生成" },
  { header: "材料类型", key: "type", kind: code("materialType"), required: true, width: 14 },
  { header: "来源渠道", key: "source", kind: code("materialSource"), required: true },
  { header: "出具单位", key: "sourceDepartment", kind: text, width: 16 },
  { header: "必要性", key: "necessity", kind: code("materialNecessity"), required: true },
  { header: "材料形式", key: "form", kind: code("materialForm"), required: true, width: 14 },
  { header: "纸质份数", key: "paperCopies", kind: { type: "int" }, required: true },
  { header: "材料规格", key: "spec", kind: text, width: 16 },
  { header: "提供空白表格", key: "blankForm", kind: { type: "bool" } },
  { header: "提供示例样表", key: "sample", kind: { type: "bool" } },
  { header: "填报须知", key: "fillingNotes", kind: text, width: 30 },
  { header: "受理标准", key: "acceptanceStandard", kind: text, width: 30 },
];

export const FEE_COLUMNS: readonly Column[] = [
  LINK_COLUMN,
  { header: "收费项目名称", key: "name", kind: text, required: true, width: 20 },
  { header: "收费标准", key: "standard", kind: text, required: true, width: 30 },
  { header: "金额（元）", key: "amount", kind: { type: "number" }, required: true },
  { header: "收费依据", key: "basis", kind: text, required: true, width: 30 },
  { header: "是否允许减免", key: "waivable", kind: { type: "bool" }, required: true },
  { header: "适用条件字段", key: "appliesWhen.field", kind: text, width: 16, note: "仅在申请表该字段取下列值时收取；留空为每件都收" },
  { header: "适用条件取值", key: "appliesWhen.values", kind: { type: "list" }, width: 20 },
];

// ————— code lists —————

interface Option {
  code: string;
  label: string;
}

function options(list: CodeListName): Option[] {
  const def = codeLists.definitions[list] as { oneOf?: Array<{ const: string; title: string }>; enum?: string[] };
  if (def.oneOf) return def.oneOf.map((o) => ({ code: o.const, label: o.title }));
  return (def.enum ?? []).map((v) => ({ code: v, label: v }));
}

/** The label for a code; a label, its short form (Ⅳ级 for Ⅳ级（全程网办）) or the code itself → the code. */
function codeFromLabel(list: CodeListName, raw: string): string | undefined {
  const value = raw.trim();
  const all = options(list);
  return (
    all.find((o) => o.label === value)?.code ??
    all.find((o) => o.label.replace(/（.*）$/, "") === value)?.code ??
    all.find((o) => o.code === value)?.code
  );
}

const labelOf = (list: CodeListName, value: string) => options(list).find((o) => o.code === value)?.label ?? value;

// ————— cells —————

export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

function writeCell(column: Column, value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  const kind = column.kind;
  switch (kind.type) {
    case "code":
      return labelOf(kind.list, String(value));
    case "codes":
      return (value as string[]).map((v) => labelOf(kind.list, v)).join(LIST_SEPARATOR);
    case "list":
      return (value as string[]).join(LIST_SEPARATOR);
    case "lines":
      return (value as string[]).join("\n");
    case "steps":
      return (value as Array<{ name: string; description: string }>).map((s) => `${s.name}：${s.description}`).join("\n");
    case "bool":
      return value ? "是" : "否";
    case "int":
    case "number":
      return Number(value);
    default:
      return String(value);
  }
}

type Read = { value?: unknown; error?: string };

function readCell(column: Column, raw: ExcelJS.CellValue): Read {
  const kind = column.kind;
  if (typeof raw === "number" && (column.key.endsWith("baseCode") || column.key === "baseCode")) {
    // Excel turned the code into a number and dropped its leading zeros.
    return { value: String(raw).padStart(12, "0") };
  }
  const s = cellText(raw).replace(/\r\n?/g, "\n").trim();
  if (!s) return column.required ? { error: "此项为必填项" } : {};
  const split = (by: RegExp) => s.split(by).map((p) => p.trim()).filter(Boolean);
  switch (kind.type) {
    case "code": {
      const c = codeFromLabel(kind.list, s);
      return c ? { value: c } : { error: `“${s}”不是可选的值，应为：${options(kind.list).map((o) => o.label).join("、")}` };
    }
    case "codes": {
      const parts = split(/[、,，;；\n]/);
      const bad = parts.filter((p) => !codeFromLabel(kind.list, p));
      if (bad.length) return { error: `“${bad.join("、")}”不是可选的值，应为：${options(kind.list).map((o) => o.label).join("、")}（多个用“、”分隔）` };
      return { value: [...new Set(parts.map((p) => codeFromLabel(kind.list, p)!))] };
    }
    case "list":
      return { value: split(/、|\n/) };
    case "lines":
      return { value: split(/\n/) };
    case "steps": {
      const steps = split(/\n/).map((line) => {
        const at = line.search(/[：:]/);
        return at > 0 ? { name: line.slice(0, at).trim(), description: line.slice(at + 1).trim() } : null;
      });
      if (steps.some((st) => !st || !st.description)) return { error: "每个环节一行，写作“环节名称：环节说明”" };
      return { value: steps };
    }
    case "bool":
      if (["是", "true", "TRUE", "1", "Y", "y"].includes(s)) return { value: true };
      if (["否", "false", "FALSE", "0", "N", "n"].includes(s)) return { value: false };
      return { error: `应填“是”或“否”，不能是“${s}”` };
    case "int": {
      const n = Number(s);
      return Number.isInteger(n) ? { value: n } : { error: `应为整数，不能是“${s}”` };
    }
    case "number": {
      const n = Number(s);
      return Number.isFinite(n) ? { value: n } : { error: `应为数字，不能是“${s}”` };
    }
    default:
      return { value: s };
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((at, p) => (at && typeof at === "object" ? (at as Record<string, unknown>)[p] : undefined), source);
}

// ————— export —————

export interface ExportRow {
  document: ItemVersionDocument;
  departmentName: string;
  orgUnitCode: string | null;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: CellValue[][]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 12, style: { numFmt: c.kind.type === "int" || c.kind.type === "number" ? "General" : "@" } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: columns[i - 1].required ? "FFFCE8C3" : "FFF0F2F5" } };
    const c = columns[i - 1];
    if (c.note) cell.note = c.note;
  });
  for (const row of rows) sheet.addRow(row).alignment = { vertical: "top", wrapText: true };
  sheet.views = [{ state: "frozen", ySplit: 1, xSplit: 1 }];
}

function addNotes(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(NOTES_SHEET);
  sheet.columns = [{ header: "工作表", width: 10 }, { header: "列", width: 24 }, { header: "必填", width: 6 }, { header: "填写说明 / 可选值", width: 90 }];
  sheet.getRow(1).font = { bold: true };
  const describe = (c: Column) => {
    const k = c.kind;
    if (k.type === "code") return `${options(k.list).map((o) => o.label).join("、")}（选一项）`;
    if (k.type === "codes") return `${options(k.list).map((o) => o.label).join("、")}（可多选，用“、”分隔）`;
    if (k.type === "bool") return "是 / 否";
    if (k.type === "list") return "多个用“、”分隔";
    return c.note ?? "";
  };
  for (const [name, columns] of [[ITEMS_SHEET, ITEM_COLUMNS], [MATERIALS_SHEET, MATERIAL_COLUMNS], [FEES_SHEET, FEE_COLUMNS]] as const) {
    for (const c of columns) {
      const note = [describe(c), c.kind.type === "code" || c.kind.type === "codes" || c.kind.type === "bool" ? c.note : undefined].filter(Boolean).join("；");
      sheet.addRow([name, c.header, c.required ? "是" : "", c.exportOnly ? `仅导出时显示。${note}` : note]);
    }
  }
  sheet.addRow([]);
  sheet.addRow(["", "导入规则", "", "任何一行有错误时不导入任何事项；全部通过检查后一次性发布。已存在的事项（实施编码相同）只更新指南要素、申请材料和办结时限，申请表、文书模板和协办部门保持不变；新事项的申请表需在事项配置中设计。"]);
}

/** A workbook in the import layout; with no rows it is the blank template. */
export async function buildWorkbook(rows: readonly ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "紫阳县网上办事大厅";
  workbook.created = new Date();
  const record = (r: ExportRow) => ({ item: r.document.item, workflow: r.document.workflow, place: { departmentName: r.departmentName, orgUnitCode: r.orgUnitCode } });
  addSheet(workbook, ITEMS_SHEET, ITEM_COLUMNS, rows.map((r) => ITEM_COLUMNS.map((c) => writeCell(c, getPath(record(r), c.key)))));
  addSheet(
    workbook,
    MATERIALS_SHEET,
    MATERIAL_COLUMNS,
    rows.flatMap((r) => r.document.materials.map((m) => MATERIAL_COLUMNS.map((c) => writeCell(c, c === LINK_COLUMN ? r.document.item.baseCode : getPath(m, c.key))))),
  );
  addSheet(
    workbook,
    FEES_SHEET,
    FEE_COLUMNS,
    rows.flatMap((r) => (r.document.item.fees ?? []).map((f) => FEE_COLUMNS.map((c) => writeCell(c, c === LINK_COLUMN ? r.document.item.baseCode : getPath(f, c.key))))),
  );
  addNotes(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The published catalog (one department's, or all of it) as a workbook in the import layout. */
export async function exportCatalog(departmentCode?: string): Promise<Buffer> {
  const department = departmentCode ? await Department.findOne({ where: { code: departmentCode } }) : null;
  if (departmentCode && !department) throw new WorkbookImportError(`部门 ${departmentCode} 不存在`);
  const items = await ServiceItem.findAll({
    where: { publishedVersionId: { [Op.ne]: null }, ...(department && { departmentId: department.id }) },
    order: [["departmentId", "ASC"], ["id", "ASC"]],
  });
  const departments = new Map((await Department.findAll()).map((d) => [d.id, d]));
  const units = new Map((await OrgUnit.findAll()).map((o) => [o.id, o]));
  const rows: ExportRow[] = [];
  for (const item of items) {
    const dept = departments.get(item.departmentId)!;
    rows.push({
      document: await versionDocument(item.publishedVersionId!),
      departmentName: dept.name,
      orgUnitCode: item.orgUnitId !== dept.orgUnitId ? (units.get(item.orgUnitId)?.code ?? null) : null,
    });
  }
  return buildWorkbook(rows);
}

// ————— parse —————

/** The whole workbook is unusable (not an .xlsx file, a sheet missing, too many rows): a Chinese message. */
export class WorkbookImportError extends Error {}

export interface ParsedItem {
  row: number;
  baseCode: string;
  implementationCode?: string;
  orgUnitCode?: string;
  guide: Partial<Guide>;
  legalDays?: number;
  promisedDays?: number;
  materials: Array<{ row: number; material: Material }>;
  fees: Array<{ row: number; fee: Fee }>;
  /** The row (or one of its materials or fees) has cell errors. */
  broken: boolean;
}

export interface ParsedWorkbook {
  items: ParsedItem[];
  errors: WorkbookError[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** An .xlsx file is a zip archive: recognised by its first bytes, never by its name or the browser's claim. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Sum of the uncompressed sizes a workbook's zip declares: a small file that inflates past this is refused unread. */
export const MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

/**
 * The uncompressed size the zip archive declares for all its entries, from its central directory — read before
 * anything is inflated, so a zip bomb is refused without being unpacked. null when the archive is unreadable.
 */
export function declaredUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes.
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 65_535); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let offset = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null;
      total += view.getUint32(offset + 24, true);
      offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return total;
  }
  return null;
}

/** An uploaded .xlsx, checked (size, type by content, declared uncompressed size) before exceljs reads it. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) throw new WorkbookImportError(`工作簿不能超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`);
  if (!looksLikeXlsx(bytes)) throw new WorkbookImportError("文件不是 Excel 工作簿（.xlsx），请用“下载导入模板”得到的格式填写后上传");
  const size = declaredUncompressedSize(bytes);
  if (size === null) throw new WorkbookImportError("无法读取该 Excel 工作簿（文件可能已损坏或不是 .xlsx 格式）");
  if (size > MAX_UNCOMPRESSED_BYTES) throw new WorkbookImportError(`工作簿解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB，不予读取；请删去多余的工作表和图片后重试`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new WorkbookImportError("无法读取该 Excel 工作簿（文件可能已损坏或不是 .xlsx 格式）");
  }
  return workbook;
}

interface SheetRows {
  rows: Array<{ row: number; values: Record<string, ExcelJS.CellValue> }>;
  errors: WorkbookError[];
}

function readSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], optional = false): SheetRows {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    if (optional) return { rows: [], errors: [] };
    throw new WorkbookImportError(`工作簿中没有“${name}”工作表，请使用导入模板`);
  }
  const byHeader = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim();
    if (header) byHeader.set(header, col);
  });
  const errors: WorkbookError[] = [];
  for (const c of columns) {
    if (c.required && !byHeader.has(c.header)) errors.push({ sheet: name, row: 1, column: c.header, message: "缺少这一列，请使用导入模板" });
  }
  const rows: SheetRows["rows"] = [];
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw new WorkbookImportError(`“${name}”工作表超过 ${MAX_IMPORT_ROWS} 行，请分批导入`);
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: Record<string, ExcelJS.CellValue> = {};
    let empty = true;
    for (const c of columns) {
      const col = byHeader.get(c.header);
      const value = col ? row.getCell(col).value : null;
      values[c.header] = value;
      if (cellText(value).trim()) empty = false;
    }
    if (!empty) rows.push({ row: r, values });
  }
  return { rows, errors };
}

function readRecord(sheet: string, columns: readonly Column[], row: { row: number; values: Record<string, ExcelJS.CellValue> }, errors: WorkbookError[]) {
  const record: Record<string, unknown> = {};
  let broken = false;
  for (const c of columns) {
    if (c.exportOnly) continue;
    const read = readCell(c, row.values[c.header]);
    if (read.error) {
      errors.push({ sheet, row: row.row, column: c.header, message: read.error });
      broken = true;
    } else if (read.value !== undefined) {
      setPath(record, c.key, read.value);
    }
  }
  return { record, broken };
}

/** Reads the workbook's three sheets into items with their materials and fees, and every cell error. */
export async function parseWorkbook(bytes: Uint8Array): Promise<ParsedWorkbook> {
  const workbook = await loadWorkbook(bytes);
  const itemRows = readSheet(workbook, ITEMS_SHEET, ITEM_COLUMNS);
  const materialRows = readSheet(workbook, MATERIALS_SHEET, MATERIAL_COLUMNS);
  const feeRows = readSheet(workbook, FEES_SHEET, FEE_COLUMNS, true);
  const errors = [...itemRows.errors, ...materialRows.errors, ...feeRows.errors];
  if (errors.length) return { items: [], errors };
  if (!itemRows.rows.length) throw new WorkbookImportError("“事项”工作表中没有事项");

  const items: ParsedItem[] = [];
  const byCode = new Map<string, ParsedItem>();
  const implementationCodeHeader = ITEM_COLUMNS.find((c) => c.key === "item.implementationCode")!.header;
  for (const row of itemRows.rows) {
    const { record, broken } = readRecord(ITEMS_SHEET, ITEM_COLUMNS, row, errors);
    const guide = (record.item ?? {}) as Partial<Guide>;
    const workflow = (record.workflow ?? {}) as { legalDays?: number; promisedDays?: number };
    const place = (record.place ?? {}) as { orgUnitCode?: string };
    const implementationCode = cellText(row.values[implementationCodeHeader]).trim() || undefined;
    const parsed: ParsedItem = {
      row: row.row,
      baseCode: guide.baseCode ?? "",
      implementationCode,
      orgUnitCode: place.orgUnitCode,
      guide,
      legalDays: workflow.legalDays,
      promisedDays: workflow.promisedDays,
      materials: [],
      fees: [],
      broken,
    };
    items.push(parsed);
    if (!parsed.baseCode) continue;
    if (byCode.has(parsed.baseCode)) {
      errors.push({ sheet: ITEMS_SHEET, row: row.row, column: "基本编码", message: `与第 ${byCode.get(parsed.baseCode)!.row} 行的基本编码重复` });
      parsed.broken = true;
    } else {
      byCode.set(parsed.baseCode, parsed);
    }
  }
  const attach = (sheet: string, columns: readonly Column[], rows: SheetRows["rows"], add: (item: ParsedItem, row: number, record: Record<string, unknown>) => void) => {
    for (const row of rows) {
      const { record, broken } = readRecord(sheet, columns, row, errors);
      const baseCode = record.baseCode as string | undefined;
      if (!baseCode) continue;
      const item = byCode.get(baseCode);
      if (!item) {
        errors.push({ sheet, row: row.row, column: LINK_COLUMN.header, message: `“事项”工作表中没有基本编码为 ${baseCode} 的事项` });
        continue;
      }
      delete record.baseCode;
      if (broken) item.broken = true;
      add(item, row.row, record);
    }
  };
  attach(MATERIALS_SHEET, MATERIAL_COLUMNS, materialRows.rows, (item, row, record) => {
    if (!record.key) record.key = `material_${item.materials.length + 1}`;
    item.materials.push({ row, material: record as unknown as Material });
  });
  attach(FEES_SHEET, FEE_COLUMNS, feeRows.rows, (item, row, record) => item.fees.push({ row, fee: record as unknown as Fee }));
  for (const item of items) if (item.fees.length) item.guide.fees = item.fees.map((f) => f.fee);
  return { items, errors };
}

// ————— import —————

export interface ImportProgress {
  checked: number;
  total: number;
}

export interface ImportReport {
  /** Rows of the 事项 sheet. */
  total: number;
  checked: number;
  errors: WorkbookError[];
  /** Only when there are no errors: what was written. */
  created: string[];
  updated: string[];
  unchanged: string[];
}

const DEFAULT_STEPS: ItemVersionDocument["workflow"]["steps"] = ["accept", "review", "decide", "deliver", "complete"];

/** A new item's starting form: one prefilled field, to be designed in the studio. */
function starterForm(name: string): ItemVersionDocument["form"] {
  return toFormDefinition({
    title: `${name}申请表`,
    steps: [],
    fields: [{ key: "applicantName", kind: "text", label: "申请人姓名", required: true, maxLength: 50, prefill: { source: "applicant", path: "name" } }],
  });
}

/** Which workbook cell a document path (item.…, materials.3.…, workflow.…) belongs to. */
function locate(path: string, parsed: ParsedItem): { sheet: string; row: number; column: string } {
  const parts = path.split(".");
  const find = (columns: readonly Column[], key: string) => columns.find((c) => c.key === key || key.startsWith(`${c.key}.`))?.header;
  if (parts[0] === "materials" && /^\d+$/.test(parts[1] ?? "")) {
    const at = parsed.materials[Number(parts[1])];
    return { sheet: MATERIALS_SHEET, row: at?.row ?? parsed.row, column: find(MATERIAL_COLUMNS, parts.slice(2).join(".")) ?? "材料" };
  }
  if (parts[0] === "item" && parts[1] === "fees" && /^\d+$/.test(parts[2] ?? "")) {
    const at = parsed.fees[Number(parts[2])];
    return { sheet: FEES_SHEET, row: at?.row ?? parsed.row, column: find(FEE_COLUMNS, parts.slice(3).join(".")) ?? "收费" };
  }
  if (path === "item.fees") return { sheet: ITEMS_SHEET, row: parsed.row, column: "是否收费" };
  if (path === "materials") return { sheet: MATERIALS_SHEET, row: parsed.materials[0]?.row ?? parsed.row, column: "材料标识" };
  return { sheet: ITEMS_SHEET, row: parsed.row, column: find(ITEM_COLUMNS, path) ?? "事项名称" };
}

interface Planned {
  parsed: ParsedItem;
  document: ItemVersionDocument;
  implementationCode: string;
  /** The item's version the document was built on (null: a new item). */
  baseVersionId: number | null;
  changed: boolean;
}

async function plan(
  parsedItems: ParsedItem[],
  department: Department,
  errors: WorkbookError[],
  onProgress?: (p: ImportProgress) => void,
): Promise<Planned[]> {
  const planned: Planned[] = [];
  const total = parsedItems.length;
  for (const [i, parsed] of parsedItems.entries()) {
    onProgress?.({ checked: i, total });
    if (parsed.broken) continue;
    const guide = parsed.guide as Guide;
    const implementationCode = `${department.creditCode}${guide.level}${guide.baseCode}`;
    if (parsed.implementationCode && parsed.implementationCode !== implementationCode) {
      errors.push({ sheet: ITEMS_SHEET, row: parsed.row, column: "实施编码", message: `与所选部门不符：本部门此事项的实施编码应为 ${implementationCode}（导入其他部门的事项时请清空此列）` });
      continue;
    }
    if (parsed.orgUnitCode && !(await OrgUnit.findOne({ where: { code: parsed.orgUnitCode } }))) {
      errors.push({ sheet: ITEMS_SHEET, row: parsed.row, column: "实施地行政区划代码", message: `行政区划 ${parsed.orgUnitCode} 不存在` });
      continue;
    }
    const existing = await ServiceItem.findOne({ where: { implementationCode } });
    if (existing && existing.departmentId !== department.id) {
      errors.push({ sheet: ITEMS_SHEET, row: parsed.row, column: "基本编码", message: "该实施编码的事项属于其他部门" });
      continue;
    }
    const openDraft = await ItemDraft.findOne({ where: { openItemKey: `code:${implementationCode}`, status: ["editing", "submitted", "returned"] } });
    const baseVersionId = existing
      ? (existing.publishedVersionId ?? (await ItemVersion.max<number, ItemVersion>("id", { where: { itemId: existing.id } })) ?? null)
      : null;
    const base = baseVersionId ? await versionDocument(baseVersionId) : null;
    const item: Guide = { ...guide, implementationCode };
    const document: ItemVersionDocument = base
      ? { ...base, item, materials: parsed.materials.map((m) => m.material), workflow: { ...base.workflow, legalDays: parsed.legalDays!, promisedDays: parsed.promisedDays! } }
      : {
          item,
          materials: parsed.materials.map((m) => m.material),
          form: starterForm(guide.name),
          workflow: { leadDepartment: department.code, coDepartments: [], joinRule: "all_agree", deemedConsent: false, steps: DEFAULT_STEPS, legalDays: parsed.legalDays!, promisedDays: parsed.promisedDays! },
          templates: { documents: [] },
        };
    const changed = !base || !existing?.publishedVersionId || !isDeepStrictEqual(JSON.parse(JSON.stringify(base)), JSON.parse(JSON.stringify(document)));
    if (changed && openDraft) {
      errors.push({ sheet: ITEMS_SHEET, row: parsed.row, column: "事项名称", message: "该事项在事项配置中有未完成的草稿（编辑中、待审核或已退回），请先发布或放弃该草稿后再导入" });
      continue;
    }
    for (const e of await versionDocumentErrors(document, department.code)) {
      errors.push({ ...locate(e.path, parsed), message: e.message });
    }
    planned.push({ parsed, document, implementationCode, baseVersionId, changed });
  }
  onProgress?.({ checked: total, total });
  return planned;
}

/** Another import (or a publication) changed one of the items between the check and the write. */
class StalePlan extends Error {}

async function write(user: CurrentUser, department: Department, planned: Planned[], t: Transaction): Promise<Pick<ImportReport, "created" | "updated" | "unchanged">> {
  // Imports of one department wait for each other here (SQLite's IMMEDIATE transactions already do).
  await Department.findByPk(department.id, { transaction: t, lock: t.LOCK.UPDATE });
  const report = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
  for (const p of planned) {
    const current = await ServiceItem.findOne({ where: { implementationCode: p.implementationCode }, transaction: t });
    const currentBase = current ? (current.publishedVersionId ?? (await ItemVersion.max<number, ItemVersion>("id", { where: { itemId: current.id }, transaction: t })) ?? null) : null;
    if (currentBase !== p.baseVersionId) throw new StalePlan();
    if (!p.changed) {
      report.unchanged.push(p.document.item.name);
      continue;
    }
    const version = await publishVersion(p.document, { departmentCode: department.code, ...(p.parsed.orgUnitCode && { orgUnitCode: p.parsed.orgUnitCode }) }, t);
    await ItemAudit.create(
      { itemId: version.itemId, draftId: null, actorId: user.id, actorName: user.name, action: "imported", detail: `从 Excel 工作簿导入，第 ${version.version} 版` },
      { transaction: t },
    );
    (current ? report.updated : report.created).push(p.document.item.name);
  }
  return report;
}

/**
 * Imports a department's item list from a workbook (the center only). Every row is checked first; with any error
 * nothing is written and the report lists them all (sheet, row, column, message). Otherwise every new or changed
 * item is published in one transaction, each with an audit entry; unchanged items are left alone, so importing
 * the same workbook twice (even at the same time) publishes each item once.
 */
export async function importWorkbook(
  user: CurrentUser,
  departmentCode: string,
  bytes: Uint8Array,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportReport> {
  if (!hasRole(user, "center_admin")) throw new WorkbookImportError("只有政务服务中心可以导入事项");
  const department = await Department.findOne({ where: { code: departmentCode } });
  if (!department) throw new WorkbookImportError("请选择要导入事项的部门");
  const parsed = await parseWorkbook(bytes);
  for (let attempt = 1; ; attempt++) {
    const errors = [...parsed.errors];
    const planned = parsed.errors.some((e) => e.row === 1) ? [] : await plan(parsed.items, department, errors, onProgress);
    const total = parsed.items.length;
    if (errors.length) {
      errors.sort((a, b) => [ITEMS_SHEET, MATERIALS_SHEET, FEES_SHEET].indexOf(a.sheet) - [ITEMS_SHEET, MATERIALS_SHEET, FEES_SHEET].indexOf(b.sheet) || a.row - b.row);
      return { total, checked: total, errors, created: [], updated: [], unchanged: [] };
    }
    try {
      const written = await sequelize.transaction((t) => write(user, department, planned, t));
      return { total, checked: total, errors: [], ...written };
    } catch (error) {
      if (!(error instanceof StalePlan) || attempt >= 3) {
        if (error instanceof StalePlan) throw new WorkbookImportError("导入期间这些事项被其他操作修改，请重新导入");
        throw error;
      }
    }
  }
}
