import { chinaDate, chinaDateTime } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { now as clockNow } from "~/clock.server";
import { ServiceItem } from "~/catalog/models.server";
import { IssuedDocument } from "~/documents/models.server";
import { printableFields } from "~/forms/display";
import { maskMobile } from "~/identity/id-card";
import type { CurrentUser } from "~/identity/session.server";
import { Licence } from "~/licences/models.server";
import { CaseActionError } from "./case-transaction.server";
import { pinnedVersion, transitionContext } from "./case-context.server";
import { clockLight, LIGHT_LABELS, type Light } from "./clock";
import { CASE_STATE_LABELS, CLOCK_RUNNING_STATES, DECISION_LABELS, DELIVERY_LABELS, OPINION_LABELS, nextLeadStep, transition, type Decision, type DeliveryMethod } from "./lifecycle";
import { Case, CaseEvent, CaseMaterial, ReviewTask } from "./models.server";
import { shortTrackingNumber } from "./tracking-number";
import { departmentNames } from "~/org/names.server";
import { hasRole } from "~/identity/roles";

export interface CaseSummary {
  id: number;
  trackingNumber: string;
  shortNumber: string;
  itemName: string;
  applicantName: string;
  applicantMobile: string;
  stateLabel: string;
  submittedAt: string;
  dueDate: string;
  overdue: boolean;
  light: Light;
  lightLabel: string;
}

/** Cases as lists show them: names, masked phone, state in words, and the clock's light. */
export async function summaries(cases: Case[], now = clockNow()): Promise<CaseSummary[]> {
  const items = new Map(
    (await ServiceItem.findAll({ where: { id: [...new Set(cases.map((c) => c.itemId))] }, attributes: ["id", "name"] })).map((i) => [i.id, i.name]),
  );
  const today = chinaDate(now);
  const calendar = await loadCalendar();
  return cases.map((c) => {
    const light = clockLight(
      {
        start: chinaDate(c.acceptedAt ?? c.submittedAt),
        due: c.dueDate,
        today,
        paused: c.state === "suspended",
        running: CLOCK_RUNNING_STATES.includes(c.state) || c.state === "suspended",
      },
      calendar,
    );
    return {
      id: c.id,
      trackingNumber: c.trackingNumber,
      shortNumber: shortTrackingNumber(c.trackingNumber),
      itemName: items.get(c.itemId) ?? "",
      applicantName: c.applicantName,
      applicantMobile: maskMobile(c.applicantMobile),
      stateLabel: c.decision ? `${CASE_STATE_LABELS[c.state]}（${DECISION_LABELS[c.decision]}）` : CASE_STATE_LABELS[c.state],
      submittedAt: chinaDateTime(c.submittedAt),
      dueDate: c.dueDate,
      overdue: light === "red" || c.overdue,
      light,
      lightLabel: LIGHT_LABELS[light],
    };
  });
}

export async function myCases(user: CurrentUser): Promise<CaseSummary[]> {
  const cases = await Case.findAll({ where: { applicantId: user.id }, order: [["id", "DESC"]], limit: 200 });
  return summaries(cases);
}

async function timeline(caseId: number, departments: Map<number, string>) {
  const events = await CaseEvent.findAll({ where: { caseId }, order: [["id", "ASC"]] });
  return events.map((e) => ({
    id: e.id,
    at: chinaDateTime(e.createdAt),
    actor: e.actorName,
    department: e.departmentId ? departments.get(e.departmentId) ?? "" : "",
    note: e.note ?? "",
    state: CASE_STATE_LABELS[e.toState as keyof typeof CASE_STATE_LABELS] ?? e.toState,
  }));
}

async function documents(caseId: number) {
  const docs = await IssuedDocument.findAll({ where: { caseId }, attributes: ["id", "kind", "number", "title", "createdAt"], order: [["id", "ASC"]] });
  return docs.map((d) => ({ id: d.id, kind: d.kind, number: d.number, title: d.title, issuedAt: chinaDateTime(d.createdAt) }));
}

async function tasksOf(caseId: number, departments: Map<number, string>) {
  const tasks = await ReviewTask.findAll({ where: { caseId }, order: [["id", "ASC"]] });
  return tasks.map((t) => ({
    id: t.id,
    departmentId: t.departmentId,
    department: departments.get(t.departmentId) ?? "",
    role: t.role,
    task: t.task,
    section: t.section,
    state: t.state,
    opinion: t.opinion ? `${OPINION_LABELS[t.opinion]}${t.deemed ? "（超时默许）" : ""}` : null,
    comment: t.comment,
    dueDate: t.dueDate,
    assigneeId: t.assigneeId ?? null,
  }));
}

/** The applicant's own case; anyone else gets 404 so case ids cannot be probed. */
export async function applicantCaseDetail(user: CurrentUser, caseId: number) {
  const kase = await Case.findOne({ where: { id: caseId, applicantId: user.id } });
  if (!kase) throw new CaseActionError("办件不存在", 404);
  const [summary] = await summaries([kase]);
  const licences = await Licence.findAll({ where: { caseId: kase.id } });
  const version = await pinnedVersion(kase);
  const departments = await departmentNames();
  return {
    case: summary,
    state: kase.state,
    canWithdraw: ["submitted", "supplementing"].includes(kase.state),
    canSupplement: ["supplementing", "suspended"].includes(kase.state),
    events: await timeline(kase.id, departments),
    documents: await documents(kase.id),
    tasks: (await tasksOf(kase.id, departments)).map(({ department, task, state, opinion }) => ({ department, task, state, opinion })),
    licences: licences.map((l) => ({ name: l.name, number: l.number, verifyCode: l.verifyCode, issuedOn: l.issuedOn })),
    materials: await materialsOf(kase, version.version.materials),
  };
}

/** A reviewer may see a case their department leads or reviews. */
async function reviewerCase(user: CurrentUser, caseId: number): Promise<Case> {
  const kase = await Case.findByPk(caseId);
  const involved =
    kase &&
    user.departmentId != null &&
    (kase.leadDepartmentId === user.departmentId || (await ReviewTask.count({ where: { caseId, departmentId: user.departmentId } })) > 0);
  if (!kase || !involved) throw new CaseActionError("办件不存在或不属于本部门", 404);
  return kase;
}

export async function reviewerCaseDetail(user: CurrentUser, caseId: number) {
  const kase = await reviewerCase(user, caseId);
  const version = await pinnedVersion(kase);
  const [summary] = await summaries([kase]);
  const departments = await departmentNames();
  const tasks = await tasksOf(kase.id, departments);
  const myTask = tasks.find((t) => t.departmentId === user.departmentId) ?? null;
  // The one-table form's sections belong to departments: this department works on its own, reads the rest.
  const sectionRows = version.form.sections.length
    ? version.form.sections.map((s) => ({
        key: s.key,
        title: s.title,
        mine: s.department === user.departmentCode,
        fields: printableFields(version.form.jsonSchema, kase.formData, s.fields),
      }))
    : [{ key: "all", title: "申请表", mine: true, fields: printableFields(version.form.jsonSchema, kase.formData) }];
  const isLead = kase.leadDepartmentId === user.departmentId;
  const ctx = transitionContext(kase, version);
  const extendable = transition(kase.state, { type: "extend", reason: "-" }, "lead_reviewer", ctx).ok;
  return {
    case: summary,
    state: kase.state,
    itemName: version.item.name,
    isLead,
    /** The lead department's next step, offered as the main action. */
    leadStep: isLead ? nextLeadStep(kase.state, ctx) : null,
    joinOutcome: kase.joinOutcome === "approve" || kase.joinOutcome === "deny" ? DECISION_LABELS[kase.joinOutcome as Decision] : null,
    canSupplementRequest: isLead && kase.state === "reviewing",
    canExtend: isLead && extendable,
    extension: kase.extensionReason ? { reason: kase.extensionReason, days: version.workflow.extensionDays ?? 0 } : null,
    extensionDays: version.workflow.extensionDays ?? 0,
    courierAllowed: version.version.guide.courier,
    requestedDelivery: kase.deliveryAddress ? `快递送达：${kase.deliveryAddress}` : "窗口领取",
    delivery: ["delivered", "completed"].includes(kase.state) && kase.deliveryMethod ? `${DELIVERY_LABELS[kase.deliveryMethod as DeliveryMethod]}${kase.courierTracking ? `：${kase.courierCompany} ${kase.courierTracking}` : ""}` : null,
    canGiveOpinion: kase.state === "reviewing" && myTask?.state === "pending",
    myTask,
    tasks,
    sections: sectionRows,
    materials: await materialsOf(kase, version.version.materials),
    events: await timeline(kase.id, departments),
    documents: await documents(kase.id),
  };
}

/** A case may be read by its applicant, the center, supervisors, and reviewers of departments involved in it. */
async function assertCanReadCase(user: CurrentUser, caseId: number, notFound: string): Promise<void> {
  const kase = await Case.findByPk(caseId);
  if (!kase) throw new CaseActionError(notFound, 404);
  if (kase.applicantId === user.id || hasRole(user, ["center_admin", "supervisor"] as const)) return;
  if (hasRole(user, "reviewer") && user.departmentId != null) {
    const involved = kase.leadDepartmentId === user.departmentId || (await ReviewTask.count({ where: { caseId: kase.id, departmentId: user.departmentId } })) > 0;
    if (involved) return;
  }
  throw new CaseActionError(notFound, 404);
}

export async function documentForUser(user: CurrentUser, documentId: number): Promise<IssuedDocument> {
  const doc = await IssuedDocument.findByPk(documentId);
  if (!doc) throw new CaseActionError("文书不存在", 404);
  await assertCanReadCase(user, doc.caseId, "文书不存在");
  return doc;
}

export async function materialForUser(user: CurrentUser, materialId: number): Promise<CaseMaterial> {
  const material = await CaseMaterial.findByPk(materialId);
  if (!material) throw new CaseActionError("材料不存在", 404);
  await assertCanReadCase(user, material.caseId, "材料不存在");
  return material;
}

/** The uploaded files of a case, named after the item's materials. */
async function materialsOf(kase: Case, materials: ReadonlyArray<{ key: string; name: string }>) {
  const names = new Map(materials.map((m) => [m.key, m.name]));
  const rows = await CaseMaterial.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]] });
  return rows.map((m) => ({
    id: m.id,
    material: names.get(m.materialKey) ?? m.materialKey,
    fileName: m.fileName,
    mimeType: m.mimeType,
    sizeKb: Math.max(1, Math.round(m.size / 1024)),
    uploadedAt: chinaDateTime(m.createdAt),
  }));
}

export async function countCasesByState() {
  const rows = (await Case.count({ group: ["state"] })) as unknown as Array<{ state: string; count: number }>;
  const counts = new Map(rows.map((r) => [r.state, Number(r.count)]));
  return Object.entries(CASE_STATE_LABELS).map(([state, label]) => ({ state, label, count: counts.get(state) ?? 0 }));
}

/** What the applicant needs to answer a supplement request: the list from the notice and the form to correct. */
export async function supplementForm(user: CurrentUser, caseId: number) {
  const kase = await Case.findOne({ where: { id: caseId, applicantId: user.id } });
  if (!kase) throw new CaseActionError("办件不存在", 404);
  if (!["supplementing", "suspended"].includes(kase.state)) throw new CaseActionError("该办件目前不需要补正", 400);
  const version = await pinnedVersion(kase);
  const notice = await IssuedDocument.findOne({ where: { caseId, kind: "supplement_notice" }, order: [["id", "DESC"]] });
  const missing = (notice?.data as { missing?: string[] } | undefined)?.missing ?? [];
  return {
    caseId: kase.id,
    itemName: version.item.name,
    versionId: version.version.id,
    missing,
    schema: version.form.jsonSchema,
    uiSchema: version.form.uiSchema,
    formData: kase.formData,
    materials: version.version.materials,
  };
}
