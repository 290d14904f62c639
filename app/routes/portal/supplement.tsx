import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { CaseActionError } from "~/cases/case-transaction.server";
import { actOnCase } from "~/cases/desk.server";
import { supplementForm } from "~/cases/queries.server";
import { APPLICANT_ROLES } from "~/identity/roles";
import { materialInputs } from "~/materials/rules";
import { myLicences } from "~/licences/queries.server";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { ApplicationForm } from "~/ui/ApplicationForm";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { collectExtraFields, MaterialInputs } from "~/ui/MaterialInputs";
import { readMultipart } from "~/materials/multipart.server";
import { checkAndStoreFiles } from "~/materials/service.server";

export const meta: MetaFunction = () => [{ title: "补正材料 - 紫阳县网上办事大厅" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  try {
    const { materials, ...form } = await supplementForm(user, idParam(params.caseId));
    return { ...form, materialInputs: materialInputs(materials, await myLicences(user)) };
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const caseId = idParam(params.caseId);
  const multipart = await readMultipart(request);
  if ("error" in multipart) return data({ errors: [{ path: "", message: multipart.error }] }, { status: 400 });
  const { form, files, licencePicks } = multipart;
  let formData: Record<string, unknown>;
  try {
    formData = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    return data({ errors: [{ path: "", message: "表单内容无法读取，请重新提交" }] }, { status: 400 });
  }
  try {
    const { materials } = await supplementForm(user, caseId);
    const upload = await checkAndStoreFiles(materials, files, false, { picks: licencePicks, holderUserId: user.id });
    if ("errors" in upload) return data({ errors: upload.errors }, { status: 400 });
    await actOnCase(user, caseId, { type: "supplement", formData }, undefined, upload.stored);
  } catch (error) {
    if (error instanceof CaseActionError) {
      return data({ errors: error.fields.length ? error.fields : [{ path: "", message: error.message }] }, { status: error.status });
    }
    throw error;
  }
  return redirect(`/my/cases/${caseId}?supplemented=1`);
}

export default function Supplement() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p><Link to={`/my/cases/${d.caseId}`}>← 返回办件详情</Link></p>
      <h1>补正材料：{d.itemName}</h1>
      <section className="card" aria-labelledby="missing-heading">
        <h2 id="missing-heading">需要补正的内容</h2>
        <ol>{d.missing.map((m) => <li key={m}>{m}</li>)}</ol>
        <p className="muted">请按告知书修改下面的申请内容后提交；补正期间不计入办理时限。</p>
      </section>
      <ErrorSummary errors={result?.errors} />
      <div className="card">
        <ApplicationForm
          schema={d.schema}
          uiSchema={d.uiSchema}
          initialData={d.formData}
          serverErrors={result?.errors}
          busy={busy}
          submitLabel="提交补正"
          validatorUrl={`/forms/${d.versionId}/validator.js`}
          beforeSubmit={<MaterialInputs materials={d.materialInputs} errors={result?.errors} legend="补充或更换材料" />}
          onSubmit={(formData) => {
            const body = new FormData();
            body.set("payload", JSON.stringify(formData));
            submit(collectExtraFields(body), { method: "post", encType: "multipart/form-data" });
          }}
        />
      </div>
    </>
  );
}
