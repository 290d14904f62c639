import { randomBytes } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";
import { loadPublishedItem } from "~/catalog/service.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { readDeliveryChoice } from "~/cases/delivery";
import { submitApplication } from "~/cases/submit.server";
import { maskMobile } from "~/identity/id-card";
import { WINDOW_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { normalizeWalkIn, walkInIdLabel, WALK_IN_KIND_LABELS, type WalkInApplicant } from "~/identity/walk-in";
import { readMultipart } from "~/materials/multipart.server";
import { idParam } from "~/routes/params";
import { ApplicationForm } from "~/ui/ApplicationForm";
import { CheckPanel } from "~/ui/CheckPanel";
import { DeliveryChoice } from "~/ui/DeliveryChoice";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";
import { collectExtraFields } from "~/ui/MaterialInputs";
import { WindowMaterialInputs } from "~/ui/WindowMaterialInputs";
import { identifyWalkIn } from "~/window/intake.server";
import { PAPER_FIELD_PREFIX, windowMaterials } from "~/window/materials";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `窗口收件：${data?.itemName ?? ""} - 紫阳县网上办事大厅` }];

async function publishedItem(itemId: string | undefined) {
  const published = await loadPublishedItem(idParam(itemId));
  if (!published) throw new Response("该事项不存在或未发布", { status: 404 });
  return published;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, WINDOW_ROLES);
  const published = await publishedItem(params.itemId);
  return {
    itemId: published.item.id,
    itemName: published.item.name,
    department: published.department.name,
    versionId: published.version.id,
    schema: published.form.jsonSchema,
    uiSchema: published.form.uiSchema,
    materials: windowMaterials(published.version.materials),
    courier: published.version.guide.courier,
    // One key per rendering of the page: a retried or double-clicked 确认收件 makes one case.
    submissionKey: randomBytes(16).toString("hex"),
  };
}

const applicantFields = (form: FormData) =>
  normalizeWalkIn({ kind: form.get("applicant.kind"), idNumber: form.get("applicant.idNumber"), name: form.get("applicant.name"), mobile: form.get("applicant.mobile") });

export async function action({ request, params }: ActionFunctionArgs) {
  const clerk = await requireRole(request, WINDOW_ROLES);
  // Step 1 (a plain form): who the applicant is. Step 2 (multipart, with scans): the case itself.
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const applicant = applicantFields(await request.formData());
    const published = await publishedItem(params.itemId);
    const result = await identifyWalkIn(applicant, published.form);
    if ("errors" in result) return data({ stage: "identify" as const, errors: result.errors, applicant }, { status: 400 });
    return { stage: "identified" as const, applicant, hasAccount: result.hasAccount, initialData: result.initialData };
  }
  const multipart = await readMultipart(request);
  if ("error" in multipart) return data({ stage: "submit" as const, errors: [{ path: "", message: multipart.error }] }, { status: 400 });
  const { form, files } = multipart;
  let formData: unknown;
  try {
    formData = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    return data({ stage: "submit" as const, errors: [{ path: "", message: "表单内容无法读取，请重新提交" }] }, { status: 400 });
  }
  const paper = [...form.keys()].filter((name) => name.startsWith(PAPER_FIELD_PREFIX)).map((name) => name.slice(PAPER_FIELD_PREFIX.length));
  try {
    const result = await submitApplication({
      user: clerk,
      itemId: idParam(params.itemId),
      versionId: Number(form.get("versionId")),
      formData,
      submissionKey: String(form.get("submissionKey") ?? ""),
      files,
      delivery: readDeliveryChoice(form),
      intake: { channel: "window", applicant: applicantFields(form), paper: [...new Set(paper)] },
    });
    if ("errors" in result) return data({ stage: "submit" as const, errors: result.errors }, { status: 400 });
    return redirect(`/window?received=${result.case.id}`);
  } catch (error) {
    if (error instanceof CaseActionError) return data({ stage: "submit" as const, errors: [{ path: "", message: error.message }] }, { status: error.status });
    throw error;
  }
}

interface Identified {
  applicant: WalkInApplicant;
  hasAccount: boolean;
  initialData: Record<string, unknown>;
}

function IdentifyStep({ errors, values, busy }: { errors?: Array<{ path: string; message: string }>; values?: WalkInApplicant; busy: boolean }) {
  const [kind, setKind] = useState<WalkInApplicant["kind"]>(values?.kind ?? "person");
  return (
    <Form method="post" className="card" noValidate>
      <h2>第一步：核验申请人身份</h2>
      <fieldset>
        <legend>申请人类型</legend>
        {(["person", "legal"] as const).map((value) => (
          <label key={value} style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 44, fontWeight: "normal" }}>
            <input type="radio" name="applicant.kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
            {value === "person" ? "自然人（凭身份证）" : "法人（凭营业执照，统一社会信用代码）"}
          </label>
        ))}
      </fieldset>
      <TextField
        key={`id-${kind}`}
        name="applicant.idNumber"
        label={kind === "person" ? "身份证号码" : "统一社会信用代码"}
        help={kind === "person" ? "18 位，最后一位可以是 X；请核对原件" : "18 位，见营业执照"}
        defaultValue={values?.idNumber}
        errors={errors}
        required
      />
      <TextField key={`name-${kind}`} name="applicant.name" label={kind === "person" ? "姓名" : "单位名称"} defaultValue={values?.name} errors={errors} required />
      <TextField name="applicant.mobile" label="申请人手机号码" type="tel" help="接收办件短信，也是查询进度和日后注册账号的凭证" defaultValue={values?.mobile} errors={errors} required />
      <p><button type="submit" disabled={busy}>{busy ? "正在核验…" : "下一步：填写申请表"}</button></p>
    </Form>
  );
}

export default function WindowIntake() {
  const { itemName, department, versionId, schema, uiSchema, materials, courier, submissionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const [walkIn, setWalkIn] = useState<Identified | null>(null);
  const [checking, setChecking] = useState<{ formData: Record<string, unknown>; body: FormData } | null>(null);
  useEffect(() => {
    if (result?.stage === "identified") setWalkIn({ applicant: result.applicant, hasAccount: result.hasAccount, initialData: result.initialData });
    if (result && "errors" in result) setChecking(null);
  }, [result]);
  const errors = result && "errors" in result ? result.errors : undefined;
  const paperKeys = new Set(checking ? [...checking.body.keys()].filter((k) => k.startsWith(PAPER_FIELD_PREFIX)).map((k) => k.slice(PAPER_FIELD_PREFIX.length)) : []);
  return (
    <>
      <p><Link to="/window">← 返回窗口收件</Link></p>
      <h1>窗口收件：{itemName}</h1>
      <p className="muted">主办部门：{department}</p>
      <ErrorSummary errors={errors} />
      {!walkIn ? (
        <IdentifyStep errors={errors} values={result?.stage === "identify" ? result.applicant : undefined} busy={busy} />
      ) : (
        <>
          <section className="card" aria-label="申请人">
            <p>
              申请人：<strong>{walkIn.applicant.name}</strong>（{WALK_IN_KIND_LABELS[walkIn.applicant.kind]}，{walkInIdLabel(walkIn.applicant)}，手机 {maskMobile(walkIn.applicant.mobile)}）
            </p>
            <p className="help">
              {walkIn.hasAccount
                ? "申请人已有网上办事大厅账号，办件将出现在其“我的办件”中。"
                : "申请人尚无账号：收件后将为其开立账号，申请人用本人证件号码和上述手机号码注册即可登录查看办件。"}
            </p>
            {!checking && (
              <button type="button" className="secondary" onClick={() => setWalkIn(null)} disabled={busy}>更换申请人</button>
            )}
          </section>
          {checking && (
            <CheckPanel
              schema={schema}
              formData={checking.formData}
              body={checking.body}
              materials={materials.filter((m) => m.scannable || paperKeys.has(m.key) || m.required).map((m) => ({ key: m.key, name: m.name, required: m.required, notes: m.notes, licences: [] }))}
              receivedLabel={(key) => (paperKeys.has(key) ? "已收纸质件" : undefined)}
              confirmLabel="确认收件"
              busy={busy}
              onBack={() => setChecking(null)}
              onConfirm={() => submit(checking.body, { method: "post", encType: "multipart/form-data" })}
            />
          )}
          <div className="card" hidden={Boolean(checking)}>
            <h2>第二步：填写申请表并收取材料</h2>
            <ApplicationForm
              key={`${walkIn.applicant.kind}:${walkIn.applicant.idNumber}`}
              schema={schema}
              uiSchema={uiSchema}
              initialData={walkIn.initialData}
              serverErrors={errors}
              busy={busy}
              beforeSubmit={
                <>
                  <WindowMaterialInputs materials={materials} errors={errors} />
                  {courier && <DeliveryChoice errors={errors} />}
                </>
              }
              submitLabel="下一步：核对"
              onSubmit={(formData) => {
                const body = new FormData();
                body.set("payload", JSON.stringify(formData));
                body.set("submissionKey", submissionKey);
                body.set("versionId", String(versionId));
                body.set("applicant.kind", walkIn.applicant.kind);
                body.set("applicant.idNumber", walkIn.applicant.idNumber);
                body.set("applicant.name", walkIn.applicant.name);
                body.set("applicant.mobile", walkIn.applicant.mobile);
                setChecking({ formData, body: collectExtraFields(body) });
                window.scrollTo(0, 0);
              }}
            />
          </div>
        </>
      )}
    </>
  );
}
