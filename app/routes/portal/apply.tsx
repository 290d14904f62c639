import { idParam } from "~/routes/params";
import { randomBytes } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useNavigation, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CheckPanel } from "~/ui/CheckPanel";
import { loadPublishedItem } from "~/catalog/service.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { submitApplication } from "~/cases/submit.server";
import { prefillFormData } from "~/forms/prefill";
import { prefillSources } from "~/forms/prefill.server";
import { loadDraft } from "~/forms/drafts.server";
import { chinaDateTime } from "~/calendar/china-time";
import { APPLICANT_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { ApplicationForm } from "~/ui/ApplicationForm";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { DeliveryChoice } from "~/ui/DeliveryChoice";
import { readDeliveryChoice } from "~/cases/delivery";
import { collectExtraFields, MaterialInputs } from "~/ui/MaterialInputs";
import { materialInputs } from "~/materials/rules";
import { myLicences } from "~/licences/queries.server";
import { readMultipart } from "~/materials/multipart.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `在线申请：${data?.itemName ?? ""} - 紫阳县网上办事大厅` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const published = await loadPublishedItem(idParam(params.itemId));
  if (!published) throw new Response("该事项不存在或未发布", { status: 404 });
  if (!published.version.guide.online) throw new Response("本事项不支持网上办理，请到窗口办理", { status: 400 });
  const draft = await loadDraft(user.id, published.item.id);
  // A saved draft wins over prefill: it is what the applicant typed last, on this or another device.
  const initialData = { ...prefillFormData(published.form.prefill, await prefillSources(user)), ...(draft?.data ?? {}) };
  return {
    itemId: published.item.id,
    itemName: published.item.name,
    versionId: published.version.id,
    schema: published.form.jsonSchema,
    uiSchema: published.form.uiSchema,
    initialData,
    draftSavedAt: draft ? chinaDateTime(draft.updatedAt) : null,
    materials: materialInputs(published.version.materials, await myLicences(user)),
    courier: published.version.guide.courier,
    // One key per rendering of the form: a retry or double click of the same submit makes one case.
    submissionKey: randomBytes(16).toString("hex"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);

  const multipart = await readMultipart(request);
  if ("error" in multipart) return data({ errors: [{ path: "", message: multipart.error }] }, { status: 400 });
  const { form, files, licencePicks } = multipart;
  let formData: unknown;
  try {
    formData = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    return data({ errors: [{ path: "", message: "表单内容无法读取，请重新提交" }] }, { status: 400 });
  }
  try {
    const result = await submitApplication({
      user,
      itemId: idParam(params.itemId),
      versionId: Number(form.get("versionId")),
      formData,
      submissionKey: String(form.get("submissionKey") ?? ""),
      files,
      licencePicks,
      delivery: readDeliveryChoice(form),
    });
    if ("errors" in result) return data({ errors: result.errors }, { status: 400 });
    return redirect(`/my/cases/${result.case.id}?submitted=1`);
  } catch (error) {
    if (error instanceof CaseActionError) return data({ errors: [{ path: "", message: error.message }] }, { status: error.status });
    throw error;
  }
}

/** Autosaving a draft must not reload the page's data (and its submission key) every few seconds. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/draft") ? false : defaultShouldRevalidate;

export default function Apply() {
  const { itemId, itemName, versionId, schema, uiSchema, initialData, submissionKey, materials, draftSavedAt, courier } = useLoaderData<typeof loader>();
  const draft = useFetcher<{ draftSavedAt?: string; draftError?: string }>();
  const saveTimer = useRef<ReturnType<typeof setTimeout>>();
  // RJSF reports the defaults it fills in as a change while rendering, on the server too: a timer set there
  // would submit from the server process and crash it. Only edits after hydration are saved.
  const hydrated = useRef(false);
  useEffect(() => {
    hydrated.current = true;
    return () => clearTimeout(saveTimer.current);
  }, []);
  const autosave = (formData: Record<string, unknown>) => {
    if (!hydrated.current) return;
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(
      () => draft.submit({ draft: JSON.stringify(formData), versionId: String(versionId), submissionKey }, { method: "post", action: `/items/${itemId}/draft` }),
      1500,
    );
  };
  const savedAt = draft.data?.draftSavedAt ?? draftSavedAt;
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  // After the form validates, the applicant checks everything once more before it is sent. The form stays
  // mounted (hidden) so the chosen files survive "返回修改".
  const [checking, setChecking] = useState<{ formData: Record<string, unknown>; body: FormData } | null>(null);
  useEffect(() => {
    if (result?.errors) setChecking(null);
  }, [result]);
  return (
    <>
      <p><Link to={`/items/${itemId}`}>← 返回办事指南</Link></p>
      <h1>在线申请：{itemName}</h1>
      <p className="muted" role="status" aria-live="polite">
        {draft.data?.draftError ?? (savedAt ? `草稿已自动保存（${savedAt}），换手机或电脑登录后可继续填写` : "填写内容会自动保存为草稿")}
      </p>
      <ErrorSummary errors={result?.errors} />
      {checking && (
        <CheckPanel
          schema={schema}
          formData={checking.formData}
          body={checking.body}
          materials={materials}
          busy={busy}
          onBack={() => setChecking(null)}
          onConfirm={() => {
            // What is submitted is no longer a draft.
            clearTimeout(saveTimer.current);
            submit(checking.body, { method: "post", encType: "multipart/form-data" });
          }}
        />
      )}
      <div className="card" hidden={Boolean(checking)}>
        <ApplicationForm
          schema={schema}
          uiSchema={uiSchema}
          initialData={initialData}
          serverErrors={result?.errors}
          busy={busy}
          onChange={autosave}
          beforeSubmit={
            <>
              <MaterialInputs materials={materials} errors={result?.errors} legend="申请材料" />
              {courier && <DeliveryChoice errors={result?.errors} />}
            </>
          }
          submitLabel="下一步：核对"
          validatorUrl={`/forms/${versionId}/validator.js`}
          onSubmit={(formData) => {
            const body = new FormData();
            body.set("payload", JSON.stringify(formData));
            body.set("submissionKey", submissionKey);
            body.set("versionId", String(versionId));
            setChecking({ formData, body: collectExtraFields(body) });
            window.scrollTo(0, 0);
          }}
        />
      </div>
    </>
  );
}
