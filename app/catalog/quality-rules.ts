import type { ItemVersionDocument } from "~/schemas/types.generated";

export interface QualityIssue {
  path: string;
  message: string;
}

export interface QualityContext {
  /** Code of the department that implements the item. */
  departmentCode: string;
  /** Its 统一社会信用代码, the first 18 characters of every 实施编码 it owns. */
  departmentCreditCode: string;
  /** Codes of all departments that exist. */
  knownDepartments: ReadonlySet<string>;
}

const LICENSING_STEPS = ["accept", "review", "decide", "deliver", "complete"] as const;
const STEP_LABELS: Record<string, string> = { accept: "受理", review: "审查", decide: "决定", deliver: "送达", complete: "办结" };

/**
 * The catalog quality rules enforced before an item version may be published (PRODUCT.md), beyond what the
 * JSON Schema expresses. Each issue names the field it belongs to.
 */
export function qualityIssues(doc: ItemVersionDocument, ctx: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { item, workflow, form } = doc;

  if (item.onlineDepth === "4" && item.visitsRequired !== 0) add("item.visitsRequired", "全程网办（Ⅳ级）事项的到现场次数必须为 0");
  if (item.visitsRequired > 0 && !item.visitReason?.trim()) add("item.visitReason", "到现场次数不为 0 时，必须说明必须现场办理的原因");
  if (item.caseType === "1" && workflow.promisedDays !== 0) add("workflow.promisedDays", "即办件的承诺办结时限必须为 0（即办）");
  if (item.caseType === "2" && workflow.promisedDays === 0) add("item.caseType", "承诺时限为即办的事项，办件类型必须为即办件");
  if (item.charged) {
    if (!item.feeBasis?.trim()) add("item.feeBasis", "收费事项必须填写收费依据");
    if (!item.fees?.length) add("item.fees", "收费事项必须至少列出一个收费项目");
  } else if (item.fees?.length) {
    add("item.fees", "不收费事项不能列出收费项目");
  }
  const digits = (phone: string) => phone.replace(/\D/g, "");
  if (digits(item.consultPhone) === digits(item.complaintPhone)) add("item.complaintPhone", "监督投诉电话不能与咨询电话相同");
  if (item.itemType === "01") {
    const missing = LICENSING_STEPS.filter((s) => !workflow.steps.includes(s));
    if (missing.length) add("workflow.steps", `行政许可事项的办理环节必须包含${missing.map((s) => STEP_LABELS[s]).join("、")}`);
  }
  const expectedCode = `${ctx.departmentCreditCode}${item.level}${item.baseCode}`;
  if (item.implementationCode !== expectedCode) add("item.implementationCode", `实施编码应为实施主体信用代码 + 行使层级 + 基本编码：${expectedCode}`);

  if (workflow.promisedDays > workflow.legalDays) add("workflow.promisedDays", "承诺办结时限不能超过法定办结时限");
  if (workflow.leadDepartment !== ctx.departmentCode) add("workflow.leadDepartment", "牵头部门必须是事项的实施部门");
  workflow.coDepartments.forEach((co, i) => {
    if (!ctx.knownDepartments.has(co.department)) add(`workflow.coDepartments.${i}.department`, `部门代码 ${co.department} 不存在`);
    if (co.department === workflow.leadDepartment) add(`workflow.coDepartments.${i}.department`, "协办部门不能是牵头部门");
    const section = co.section ? form.sections?.find((s) => s.key === co.section) : undefined;
    if (co.section && !section) add(`workflow.coDepartments.${i}.section`, `表单中没有分区 ${co.section}`);
    if (section && section.department !== co.department) add(`workflow.coDepartments.${i}.section`, `分区“${section.title}”不属于部门 ${co.department}`);
  });
  if (new Set(workflow.coDepartments.map((c) => c.department)).size !== workflow.coDepartments.length) {
    add("workflow.coDepartments", "同一协办部门只能出现一次");
  }
  if (workflow.coDepartments.length && !workflow.coReviewDays) add("workflow.coReviewDays", "有协办部门时必须设定协办部门答复时限");

  const properties = form.schema.properties ?? {};
  for (const name of form.schema.required ?? []) {
    if (!(name in properties)) add("form.schema.required", `必填字段 ${name} 不在表单字段中`);
  }
  const reviewing = new Set([workflow.leadDepartment, ...workflow.coDepartments.map((c) => c.department)]);
  const placed = new Map<string, string>();
  form.sections?.forEach((section, i) => {
    if (!reviewing.has(section.department)) add(`form.sections.${i}.department`, `分区“${section.title}”的部门不是本事项的审查部门`);
    for (const field of section.fields) {
      if (!(field in properties)) add(`form.sections.${i}.fields`, `分区“${section.title}”中的字段 ${field} 不在表单中`);
      const other = placed.get(field);
      if (other) add(`form.sections.${i}.fields`, `字段 ${field} 已在分区“${other}”中，同一字段在一表中只出现一次`);
      placed.set(field, section.title);
    }
  });
  if (form.kind === "one_table" && !form.sections?.length) add("form.sections", "一表式表单必须按部门分区");
  if (form.kind === "one_table" && form.sections?.length) {
    // Headings and explanatory paragraphs carry no data: no department reviews them.
    const unplaced = Object.keys(properties).filter((name) => !placed.has(name) && (properties[name] as { type?: unknown }).type !== "null");
    if (unplaced.length) add("form.sections", `一表式表单的每个字段都应属于一个部门分区，未分区：${unplaced.join("、")}`);
  }
  const sectionKeys = form.sections?.map((s) => s.key) ?? [];
  if (new Set(sectionKeys).size !== sectionKeys.length) add("form.sections", "分区标识不能重复");
  form.prefill?.forEach((binding, i) => {
    if (!(binding.field in properties)) add(`form.prefill.${i}.field`, `预填字段 ${binding.field} 不在表单中`);
  });
  const keys = doc.materials.map((m) => m.key);
  if (new Set(keys).size !== keys.length) add("materials", "材料标识不能重复");
  const licence = doc.templates.licence;
  if (licence && item.result.type !== "20") add("templates.licence", "只有审批结果类型为证件执照的事项才签发电子证照");
  for (const key of ["holderField", "holderIdField"] as const) {
    const field = licence?.[key];
    if (field && !(field in properties)) add(`templates.licence.${key}`, `证照持证主体字段 ${field} 不在表单中`);
  }
  return issues;
}
