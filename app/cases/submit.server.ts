import { UniqueConstraintError, type Transaction } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { loadVersion, publishedVersionIdOf } from "~/catalog/service.server";
import { isSqlite, sequelize } from "~/db/connection.server";
import { insertFamily, jsonObjectSql, SqlExpression } from "~/db/insert-row.server";
import { counterValueSql } from "~/db/sequence.server";
import { validateSubmission } from "~/forms/form-schema.server";
import { maskMobile } from "~/identity/id-card";
import type { User } from "~/identity/models.server";
import { APPLICANT_ROLES, WINDOW_ROLES, hasRole } from "~/identity/roles";
import { walkInErrors, walkInIdLabel, type WalkInApplicant } from "~/identity/walk-in";
import { findWalkInAccount, openWalkInAccount } from "~/identity/walk-in.server";
import { issueDocument } from "~/documents/issue.server";
import { receivedMaterials, windowMaterialErrors } from "~/window/materials";
import type { CurrentUser } from "~/identity/session.server";
import { OutboxMessage } from "~/notify/models.server";
import { smsRow } from "~/notify/outbox.server";
import type { FieldError } from "~/schemas/validate.server";
import { uploadErrors, type IncomingFile, type LicencePick } from "~/materials/rules";
import { checkAndStoreFiles } from "~/materials/service.server";
import { CaseActionError } from "./case-transaction.server";
import { caseDeadlines } from "./deadlines";
import { deliveryAddressText, deliveryErrors, type DeliveryChoice } from "./delivery";
import { eventRow } from "./events.server";
import { Case, CaseEvent, CaseMaterial } from "./models.server";
import { trackingNumberSql, trackingPrefix, trackingSequenceName } from "./tracking-number";

/** 窗口收件: a clerk registers the case for an applicant who came in person. */
export interface WindowIntake {
  channel: "window";
  /** The applicant as the clerk identified them from their documents (normalized). */
  applicant: WalkInApplicant;
  /** Keys of the materials received on paper (已收纸质件); scanned ones come as `files`. */
  paper: string[];
}

export interface SubmitInput {
  /** Who submits: the applicant online, the window clerk for a window intake. */
  user: CurrentUser;
  itemId: number;
  /** The version the form was rendered from; a newer publication in between must not switch it silently. */
  versionId: number;
  formData: unknown;
  /**
   * The uploaded materials. The portal always passes them (possibly none) and then every required material
   * must be there; undefined means the materials are checked on paper (window intake, generated load).
   */
  files?: IncomingFile[];
  /** Window pickup (default) or courier delivery of the result. */
  delivery?: DeliveryChoice;
  /** E-licences from the applicant's library chosen in place of uploads. */
  licencePicks?: LicencePick[];
  /** Generated when the form page was rendered; a retried or double-clicked submit carries the same key. */
  submissionKey: string;
  /** Set for a window intake; absent for an online application. */
  intake?: WindowIntake;
  now?: Date;
}

export type SubmitResult = { case: Case; created: boolean } | { errors: FieldError[] };

const findExisting = (applicantId: number, submissionKey: string) => Case.findOne({ where: { applicantId, submissionKey } });

/** The case's tracking number as the database computes it in the submission's batch, from the day's counter. */
export function trackingNumberFromCounter(implementationCode: string, day: string, counter: string): SqlExpression {
  const prefix = sequelize.escape(trackingPrefix(implementationCode, day));
  return new SqlExpression(trackingNumberSql(prefix, counterValueSql(counter), isSqlite() ? "sqlite" : "mysql"));
}

/** The submitted version is not (or no longer) the item's published one. */
class NotPublished extends Error {}

/**
 * Why a submission of that version is refused: the item was withdrawn (404), or republished since the form was
 * rendered. A retry of a submission that already went through returns its case instead.
 */
async function refusal(input: SubmitInput, applicantId: number | null): Promise<SubmitResult> {
  const existing = applicantId === null ? null : await findExisting(applicantId, input.submissionKey);
  if (existing) return { case: existing, created: false };
  if (!(await publishedVersionIdOf(input.itemId))) throw new CaseActionError("该事项未发布或已停止办理", 404);
  return { errors: [{ path: "", message: "该事项的办事指南或表单已更新，请刷新页面后重新核对并提交（已填写的内容会保留）" }] };
}

export async function submitApplication(input: SubmitInput): Promise<SubmitResult> {
  const { user, intake } = input;
  if (intake) {
    if (!hasRole(user, WINDOW_ROLES)) throw new CaseActionError("只有政务服务中心窗口工作人员可以办理窗口收件", 403);
  } else if (!hasRole(user, APPLICANT_ROLES)) throw new CaseActionError("只有自然人或法人账号可以申请办理", 403);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(input.submissionKey)) throw new CaseActionError("提交标识无效，请刷新页面后重试");
  // The version the form came from (cached: versions never change); that it is still the published one is
  // checked by the case insert itself.
  // At the window the applicant is identified first; their account, when they have one, owns the case.
  const identityErrors = intake ? walkInErrors(intake.applicant) : [];
  const walkIn = intake && !identityErrors.length ? await findWalkInAccount(intake.applicant) : null;
  if (walkIn && "errors" in walkIn) identityErrors.push(...walkIn.errors);
  const existingApplicantId = intake ? (walkIn && "account" in walkIn ? walkIn.account?.id ?? null : null) : user.id;
  const published = await loadVersion(input.versionId);
  if (!published || published.item.id !== input.itemId) return refusal(input, existingApplicantId);
  const data = input.formData;
  if (!data || typeof data !== "object" || Array.isArray(data)) return { errors: [{ path: "", message: "表单内容为空" }] };
  const errors = [
    ...identityErrors,
    ...validateSubmission(published.form.id, published.form.jsonSchema, data),
    ...(intake
      ? windowMaterialErrors(published.version.materials, input.files ?? [], intake.paper)
      : input.files
        ? uploadErrors(published.version.materials, input.files, true, input.licencePicks)
        : []),
    ...(input.delivery ? deliveryErrors(input.delivery, published.version.guide.courier) : []),
  ];
  if (errors.length) return { errors };
  const upload = input.files
    ? await checkAndStoreFiles(published.version.materials, input.files, !intake, { picks: input.licencePicks ?? [], holderUserId: user.id })
    : { stored: [] };
  if ("errors" in upload) return upload;

  const now = input.now ?? new Date();
  const today = chinaDate(now);
  const calendar = await loadCalendar();
  const counter = trackingSequenceName(published.item.implementationCode, today);
  const formData = data as Record<string, unknown>;
  /**
   * The case with its first timeline entry, its materials and the applicant's text message, its tracking number
   * drawn from the item's daily counter — one batch, written only while the form's version is still the item's
   * published one (online: in a transaction of its own, one round trip on MySQL; at the window: inside the
   * intake's transaction).
   */
  const write = async (t?: Transaction): Promise<Case> => {
    // A walk-in applicant without an account gets one they can claim later (see identity/walk-in.server).
    const walkInAccount: User | null = intake ? (walkIn && "account" in walkIn && walkIn.account) || (await openWalkInAccount(intake.applicant, t!)) : null;
    const applicantId = walkInAccount ? walkInAccount.id : user.id;
    const row = {
      trackingNumber: trackingNumberFromCounter(published.item.implementationCode, today, counter),
      itemId: published.item.id,
      itemVersionId: published.version.id,
      applicantId,
      applicantName: intake ? intake.applicant.name : typeof formData.applicantName === "string" ? formData.applicantName : user.name,
      applicantMobile: intake ? intake.applicant.mobile : typeof formData.mobile === "string" ? formData.mobile : (user.mobile ?? ""),
      leadDepartmentId: published.department.id,
      orgUnitId: published.orgUnit.id,
      channel: intake ? ("window" as const) : ("online" as const),
      state: "submitted" as const,
      decision: null,
      formData,
      submissionKey: input.submissionKey,
      submittedAt: now,
      acceptedAt: null,
      ...caseDeadlines(today, published.workflow, calendar),
      completedAt: null,
      deliveryMethod: input.delivery?.method ?? null,
      deliveryAddress: input.delivery ? deliveryAddressText(input.delivery) : null,
    };
    const caseId = new SqlExpression("p.id");
    const written = await insertFamily(
      {
        counter: { name: counter },
        parent: { model: Case, values: row, guard: { table: "service_items", where: { id: published.item.id, published_version_id: published.version.id } }, key: { applicant_id: applicantId, submission_key: input.submissionKey } },
        dependents: [
          {
            model: CaseEvent,
            values: {
              caseId,
              ...eventRow({
                type: "submit",
                actor: user,
                fromState: null,
                toState: "submitted",
                note: intake
                  ? `窗口收件（${user.departmentName ?? ""}），扫描材料 ${upload.stored.length} 份，收纸质件 ${intake.paper.length} 项`
                  : upload.stored.length ? `网上提交申请，上传材料 ${upload.stored.length} 份` : "网上提交申请",
              }),
            },
          },
          ...upload.stored.map((file) => ({ model: CaseMaterial, values: { ...file, caseId, uploadedBy: user.id } })),
          {
            model: OutboxMessage,
            values: {
              caseId,
              ...smsRow({ recipient: row.applicantMobile, template: intake ? "case_window_received" : "case_submitted", payload: {} }),
              // {item, tracking}, the number taken from the case row the database just numbered.
              payload: jsonObjectSql({ item: published.item.name, tracking: new SqlExpression("p.tracking_number") }),
            },
          },
        ],
        columns: ["id", "tracking_number"],
      },
      t,
    );
    if (!written) throw new NotPublished();
    const created = Case.build({ ...row, id: Number(written.id), trackingNumber: String(written.tracking_number) }, { isNewRecord: false });
    if (intake) {
      // 收件回执, numbered and kept like every other document of the case.
      await issueDocument(
        {
          kind: "receipt",
          kase: created,
          published,
          issuedBy: user.id,
          now,
          extra: {
            applicant: { idLabel: walkInIdLabel(intake.applicant), mobile: maskMobile(intake.applicant.mobile) },
            window: { hall: user.departmentName ?? "政务服务中心", clerk: user.name, department: user.departmentName ?? "" },
            materials: receivedMaterials(published.version.materials, upload.stored.map((f) => f.materialKey), intake.paper),
            delivery: created.deliveryAddress ? `快递送达（${created.deliveryAddress}）` : "到窗口领取",
          },
        },
        t!,
      );
    }
    return created;
  };
  try {
    const kase = intake ? await sequelize.transaction((t) => write(t)) : await write();
    return { case: kase, created: true };
  } catch (error) {
    const applicantId = intake ? await walkInAccountId(intake.applicant) : user.id;
    if (error instanceof NotPublished) return refusal(input, applicantId);
    // Two identical submits raced past the lookup (or a retry came back): the unique key let exactly one in.
    if (error instanceof UniqueConstraintError && applicantId !== null) {
      const winner = await findExisting(applicantId, input.submissionKey);
      if (winner) return { case: winner, created: false };
    }
    throw error;
  }
}

/** The walk-in applicant's account as it is now (a concurrent intake may just have opened it). */
async function walkInAccountId(applicant: WalkInApplicant): Promise<number | null> {
  const lookup = await findWalkInAccount(applicant);
  return "account" in lookup ? lookup.account?.id ?? null : null;
}
