import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form as RemixForm, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import { customizeValidator } from "@rjsf/validator-ajv8";
import localizeZh from "ajv-i18n/localize/zh";
import { useState } from "react";
import { DOCUMENT_TITLES, renderDocument } from "~/documents/render.server";
import { sampleDocumentData } from "~/documents/sample-data.server";
import { Department } from "~/org/models.server";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { bundledSchema } from "~/schemas/bundle.server";
import type { DocumentKind, FormSection, ItemVersionDocument, TemplateManifest } from "~/schemas/types.generated";
import { DESIGN_SCHEMA, DESIGN_UI_SCHEMA, designToEdited, editedToDesign, formFromEdited, type EditedDesign } from "~/studio/design-form";
import { fromFormDefinition, NotADesignError, toFormDefinition } from "~/studio/designer";
import { draftErrors, draftTrail, findDraft, saveDraftPart, StudioError, submitDraft } from "~/studio/drafts.server";
import { chinaDateTime } from "~/calendar/china-time";
import { DRAFT_PARTS, PART_LABELS, type DraftPart } from "~/studio/parts";
import { GUIDE_GROUPS, groupSchema, type GuideGroupKey } from "~/studio/guide-groups";
import { DRAFT_STATUS_LABELS } from "~/studio/models.server";
import { templateSourceErrors } from "~/documents/template-safety";
import { ApplicationForm } from "~/ui/ApplicationForm";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { CHINESE_BUTTONS } from "~/ui/rjsf-buttons";
import { toErrorSchema } from "~/forms/error-schema";

export const meta: MetaFunction = () => [{ title: "事项工作室 - 紫阳县网上办事大厅" }];

const TABS = [
  { key: "item", title: "办事指南" },
  { key: "materials", title: "申请材料" },
  { key: "form", title: "申请表单" },
  { key: "templates", title: "文书模板" },
  { key: "workflow", title: "审批流程" },
  { key: "json", title: "JSON" },
  { key: "submit", title: "提交发布" },
] as const;
type Tab = (typeof TABS)[number]["key"];

const validator = customizeValidator({}, localizeZh);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["dept_admin"]);
  const draft = await findDraft(user, idParam(params.draftId)).catch((e: unknown) => {
    if (e instanceof StudioError) throw new Response(e.message, { status: e.status });
    throw e;
  });
  let design: EditedDesign | null = null;
  let designProblem: string | null = null;
  try {
    design = designToEdited(fromFormDefinition(draft.document.form));
  } catch (error) {
    if (!(error instanceof NotADesignError)) throw error;
    designProblem = error.message;
  }
  const departments = (await Department.findAll({ order: [["id", "ASC"]] })).map((dep) => ({ const: dep.code, title: dep.name }));
  return {
    draft: { id: draft.id, status: draft.status, statusLabel: DRAFT_STATUS_LABELS[draft.status], rowVersion: draft.rowVersion, comment: draft.centerComment, isNew: draft.itemId === null },
    document: draft.document,
    errors: await draftErrors(draft),
    trail: (await draftTrail(draft)).map((e) => ({ ...e, at: chinaDateTime(e.at) })),
    schemas: {
      item: bundledSchema("service-item.schema.json"),
      materials: { type: "array", title: "申请材料", maxItems: 50, items: { $ref: "#/definitions/material" }, definitions: bundledSchema("item-version.schema.json").definitions },
      workflow: withDepartmentChoices(bundledSchema("workflow.schema.json"), departments, draft.document.form.sections ?? []),
    },
    design,
    designProblem,
    departments,
    documentKinds: (Object.keys(DOCUMENT_TITLES) as DocumentKind[]).filter((k) => k !== "receipt" && k !== "licence").map((kind) => ({ kind, title: DOCUMENT_TITLES[kind] })),
    fields: Object.entries(draft.document.form.schema.properties as Record<string, { title?: string }>).map(([key, s]) => ({ key, title: s.title ?? key })),
  };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Department codes in the workflow become a choice of department names. */
function withDepartmentChoices(schema: Record<string, unknown>, departments: Array<{ const: string; title: string }>, sections: FormSection[]) {
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  const co = properties.coDepartments as { items: { properties: Record<string, Record<string, unknown>> } };
  return {
    ...schema,
    properties: {
      ...properties,
      leadDepartment: { ...properties.leadDepartment, oneOf: departments },
      coDepartments: { ...co, items: { ...co.items, properties: { ...co.items.properties, department: { ...co.items.properties.department, title: "协办部门", oneOf: departments }, ...(sections.length && { section: { ...co.items.properties.section, title: "负责的表单分区", oneOf: sections.map((sec) => ({ const: sec.key, title: sec.title })) } }) } } },
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["dept_admin"]);
  const draftId = idParam(params.draftId);
  const form = await request.formData();
  const intent = text(form, "intent");
  try {
    if (intent === "submit") {
      const errors = await submitDraft(user, draftId);
      if (errors.length) return data({ errors, saved: false }, { status: 400 });
      return redirect(`/studio?submitted=${draftId}`);
    }
    if (intent === "preview") {
      const draft = await findDraft(user, draftId);
      const source = text(form, "source");
      const kind = text(form, "kind") as DocumentKind;
      const problems = templateSourceErrors(source);
      if (problems.length) return data({ preview: null, previewErrors: problems });
      try {
        const department = (await Department.findByPk(draft.departmentId))?.name ?? "";
        return data({ preview: renderDocument(kind, sampleDocumentData(kind, draft.document, department), source), previewErrors: [] as string[] });
      } catch (error) {
        return data({ preview: null, previewErrors: [`预览失败：${String(error instanceof Error ? error.message : error).split("\n")[0]}（字段名是否拼写正确？）`] });
      }
    }
    const part = text(form, "part") as DraftPart;
    if (intent !== "save" || !DRAFT_PARTS.includes(part)) throw new Response("请求无效", { status: 400 });
    let value: unknown;
    try {
      value = JSON.parse(text(form, "value"));
    } catch {
      return data({ errors: [{ path: part, message: "JSON 格式错误，无法解析，草稿未修改" }], saved: false }, { status: 400 });
    }
    const draft = await findDraft(user, draftId);
    if (text(form, "design") === "1") {
      const designed = formFromEdited(value as EditedDesign & { sections?: FormSection[] }, draft.document.form);
      if ("errors" in designed) return data({ errors: designed.errors, saved: false }, { status: 400 });
      value = designed.form;
    }
    const result = await saveDraftPart(user, draftId, part, value, Number(text(form, "rowVersion")), { strict: text(form, "strict") === "1" });
    // The JSON tab has no fields to point at: each message names where in the JSON it is.
    if ("refused" in result) return data({ errors: result.refused.map((e) => ({ ...e, message: `${e.path || part}：${e.message}` })), saved: false }, { status: 400 });
    return data({ errors: [], saved: true, savedPart: PART_LABELS[part] });
  } catch (error) {
    if (error instanceof StudioError) return data({ errors: [{ path: "", message: error.message }], saved: false }, { status: error.status });
    throw error;
  }
}

type ActionData = { errors?: Array<{ path: string; message: string }>; saved?: boolean; savedPart?: string };

/** Saves one part of the draft as JSON (the editors keep their state until the save succeeds). */
function SaveBar({ part, value, rowVersion, design, strict, label = "保存" }: { part: DraftPart; value: unknown; rowVersion: number; design?: boolean; strict?: boolean; label?: string }) {
  const busy = useNavigation().state !== "idle";
  return (
    <RemixForm method="post" className="actions">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="part" value={part} />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      <input type="hidden" name="value" value={JSON.stringify(value)} />
      {design && <input type="hidden" name="design" value="1" />}
      {strict && <input type="hidden" name="strict" value="1" />}
      <button type="submit" disabled={busy}>{busy ? "正在保存…" : label}</button>
    </RemixForm>
  );
}

/** The errors of one part ("item.consultPhone" → "consultPhone"), shown under their fields. */
function partErrors(errors: Array<{ path: string; message: string }>, part: string) {
  const own = errors.filter((e) => e.path.startsWith(`${part}.`)).map((e) => ({ ...e, path: e.path.slice(part.length + 1) }));
  return own.length ? toErrorSchema(own) : undefined;
}

function SchemaEditor({ schema, uiSchema, value, onChange, idPrefix, errors }: { schema: unknown; uiSchema?: UiSchema; value: unknown; onChange: (v: unknown) => void; idPrefix?: string; errors?: ErrorSchema }) {
  return (
    <Form
      className="rjsf"
      idPrefix={idPrefix}
      extraErrors={errors}
      showErrorList={false}
      schema={schema as RJSFSchema}
      uiSchema={{ ...uiSchema, "ui:submitButtonOptions": { norender: true } }}
      formData={value}
      validator={validator}
      liveValidate={false}
      noHtml5Validate
      templates={{ ButtonTemplates: CHINESE_BUTTONS }}
      onChange={(e) => onChange(e.formData)}
    />
  );
}

function GuideTab({ document, schema, rowVersion, errors }: { document: ItemVersionDocument; schema: Record<string, unknown>; rowVersion: number; errors: Array<{ path: string; message: string }> }) {
  const [group, setGroup] = useState<GuideGroupKey>("basic");
  const [item, setItem] = useState(document.item as unknown as Record<string, unknown>);
  const sub = groupSchema(schema as Parameters<typeof groupSchema>[0], group);
  const part = Object.fromEntries(Object.keys(sub.properties).filter((k) => item[k] !== undefined).map((k) => [k, item[k]]));
  return (
    <>
      <nav className="chips" aria-label="办事指南分组">
        {GUIDE_GROUPS.map((g) => (
          <button key={g.key} type="button" className={g.key === group ? "" : "secondary"} aria-pressed={g.key === group} onClick={() => setGroup(g.key)}>
            {g.title}
          </button>
        ))}
      </nav>
      <SchemaEditor
        key={group}
        schema={sub}
        uiSchema={{ implementationCode: { "ui:readonly": true, "ui:help": "由实施主体信用代码、行使层级和基本编码生成" }, fees: { "ui:options": { orderable: true } } }}
        value={part}
        errors={partErrors(errors, "item")}
        onChange={(v) => setItem((old) => ({ ...old, ...(v as Record<string, unknown>) }))}
      />
      <SaveBar part="item" value={item} rowVersion={rowVersion} label="保存办事指南" />
    </>
  );
}

function MaterialsTab({ document, schema, rowVersion, errors }: { document: ItemVersionDocument; schema: unknown; rowVersion: number; errors: Array<{ path: string; message: string }> }) {
  const [materials, setMaterials] = useState<unknown>(document.materials);
  return (
    <>
      <p className="muted">添加、调整顺序或删除申请材料；每项材料的类型、来源、必要性（必要 / 非必要 / 容缺后补）、形式、份数、规格、空白表格、样表和填写说明。</p>
      <SchemaEditor schema={schema} uiSchema={{ "ui:options": { orderable: true, copyable: true } }} value={materials} errors={partErrors(errors, "materials")} onChange={setMaterials} />
      <SaveBar part="materials" value={materials} rowVersion={rowVersion} label="保存申请材料" />
    </>
  );
}

type Section = { key: string; title: string; department: string; fields: string[] };

/** The one-table form's sections: which department reviews which fields (a field left out is shared by all). */
function sectionsSchema(edited: EditedDesign, departments: Array<{ const: string; title: string }>) {
  const fields = edited.fields.filter((f) => f.key && f.kind !== "heading" && f.kind !== "paragraph").map((f) => ({ const: f.key, title: f.label || f.key }));
  return {
    type: "array",
    title: "一表式分区（各审查部门负责的字段；不属于任何分区的字段由各部门共用）",
    maxItems: 20,
    items: {
      type: "object",
      required: ["key", "title", "department", "fields"],
      properties: {
        title: { type: "string", title: "分区名称", minLength: 1, maxLength: 50 },
        key: { type: "string", title: "分区标识（字母开头）", pattern: "^[a-z][a-z0-9_]{0,39}$" },
        department: { type: "string", title: "负责审查的部门", oneOf: departments },
        fields: fields.length ? { type: "array", title: "本分区的字段", uniqueItems: true, minItems: 1, items: { type: "string", oneOf: fields } } : { type: "array", title: "本分区的字段", items: { type: "string" } },
      },
    },
  };
}

function FormTab({ design, sections: initialSections, departments, problem, rowVersion }: { design: EditedDesign | null; sections: Section[]; departments: Array<{ const: string; title: string }>; problem: string | null; rowVersion: number }) {
  const [edited, setEdited] = useState<EditedDesign | null>(design);
  const [sections, setSections] = useState<Section[]>(initialSections);
  if (!edited) return <div className="notice" role="status">{problem}</div>;
  let preview: ReturnType<typeof toFormDefinition> | null = null;
  try {
    preview = toFormDefinition(editedToDesign(edited));
  } catch {
    preview = null;
  }
  const label = (key: string) => edited.fields.find((f) => f.key === key)?.label ?? key;
  const departmentName = (code: string) => departments.find((d) => d.const === code)?.title ?? code;
  return (
    <div className="designer">
      <section aria-labelledby="designer-heading">
        <h2 id="designer-heading">表单设计</h2>
        <p className="muted">用“＋ 添加一项”添加字段，选择控件类型并填写名称和规则；“上移 / 下移 / 复制 / 删除此项”调整字段。</p>
        <SchemaEditor schema={DESIGN_SCHEMA} uiSchema={DESIGN_UI_SCHEMA} value={edited} onChange={(v) => setEdited(v as EditedDesign)} />
        <h2>一表式分区</h2>
        <SchemaEditor
          idPrefix="sections"
          schema={sectionsSchema(edited, departments)}
          uiSchema={{ items: { fields: { "ui:widget": "checkboxes" } } }}
          value={sections}
          onChange={(v) => setSections((v as Section[]) ?? [])}
        />
        {sections.length > 0 && (
          <div className="table-scroll">
            <table className="data" aria-label="分区路由（由分区得出）">
              <caption>审查路由：各部门审查的字段（在“审批流程”中为协办部门选择其分区）</caption>
              <thead><tr><th>部门</th><th>分区</th><th>字段</th></tr></thead>
              <tbody>
                {sections.map((sec) => (
                  <tr key={sec.key}>
                    <td>{departmentName(sec.department)}</td>
                    <td>{sec.title}</td>
                    <td>{(sec.fields ?? []).map(label).join("、")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <SaveBar part="form" value={{ ...edited, sections }} rowVersion={rowVersion} design label="保存表单" />
      </section>
      {preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">预览（群众看到的表单）</h2>
          <div className="preview-frames">
            <div className="preview desktop" aria-label="电脑宽度预览">
              <ApplicationForm idPrefix="desktop" schema={preview.schema} uiSchema={preview.uiSchema} initialData={{}} busy={false} submitLabel="提交（预览）" onSubmit={() => undefined} />
            </div>
            <div className="preview phone" aria-label="手机宽度预览（360 像素）">
              <ApplicationForm idPrefix="phone" schema={preview.schema} uiSchema={preview.uiSchema} initialData={{}} busy={false} submitLabel="提交（预览）" onSubmit={() => undefined} />
            </div>
          </div>
        </section>
      )}
    </div>
  );
}

function TemplatesTab({ document, fields, kinds, rowVersion }: { document: ItemVersionDocument; fields: Array<{ key: string; title: string }>; kinds: Array<{ kind: DocumentKind; title: string }>; rowVersion: number }) {
  const [manifest, setManifest] = useState<TemplateManifest>(document.templates);
  const preview = useFetcher<{ preview: string | null; previewErrors: string[] }>();
  const sourceOf = (kind: DocumentKind) => manifest.documents.find((d) => d.kind === kind)?.source ?? "";
  const update = (kind: DocumentKind, source: string) =>
    setManifest((m) => {
      const others = m.documents.filter((d) => d.kind !== kind);
      const entry = { ...m.documents.find((d) => d.kind === kind), kind, source: source || undefined };
      return { ...m, documents: entry.source || entry.title ? [...others, entry] : others };
    });
  const licence = manifest.licence;
  const setLicence = (patch: Partial<NonNullable<TemplateManifest["licence"]>>) => setManifest((m) => ({ ...m, licence: { name: m.licence?.name ?? "", ...m.licence, ...patch } }));
  return (
    <>
      <p className="muted">留空使用平台默认模板。可用变量：{"{{case.applicantName}} {{item.name}} {{case.trackingNumber}} {{case.dueDate}} {{document.number}} {{document.date}}"}，以及表单字段 {"{{form.字段标识}}"}。拼错的字段名会报错，不会输出空白；模板中不能有脚本、事件属性或外部资源。</p>
      {kinds.map(({ kind, title }) => (
        <section key={kind} className="card" aria-labelledby={`template-${kind}`}>
          <h3 id={`template-${kind}`}>{title}</h3>
          <label htmlFor={`source-${kind}`}>{title}模板（Handlebars）</label>
          <textarea id={`source-${kind}`} rows={6} value={sourceOf(kind)} onChange={(e) => update(kind, e.target.value)} />
          <details>
            <summary>插入表单字段</summary>
            <p className="actions">
              {fields.map((f) => (
                <button key={f.key} type="button" className="secondary" onClick={() => update(kind, `${sourceOf(kind)}{{form.${f.key}}}`)}>
                  插入“{f.title}”
                </button>
              ))}
            </p>
          </details>
          <preview.Form method="post">
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="source" value={sourceOf(kind)} />
            <button type="submit" className="secondary" disabled={!sourceOf(kind)}>预览</button>
          </preview.Form>
        </section>
      ))}
      <section className="card" aria-labelledby="licence-heading">
        <h3 id="licence-heading">电子证照</h3>
        <label htmlFor="licence-name">证照名称（不发证照则留空）</label>
        <input id="licence-name" value={licence?.name ?? ""} onChange={(e) => setManifest((m) => (e.target.value ? { ...m, licence: { ...m.licence, name: e.target.value } } : { documents: m.documents }))} />
        {licence && (
          <>
            <label htmlFor="licence-holder">持证主体取自表单字段</label>
            <select id="licence-holder" value={licence.holderField ?? ""} onChange={(e) => setLicence({ holderField: e.target.value || undefined })}>
              <option value="">（申请人姓名）</option>
              {fields.map((f) => <option key={f.key} value={f.key}>{f.title}</option>)}
            </select>
            <label htmlFor="licence-holder-id">持证主体代码取自表单字段</label>
            <select id="licence-holder-id" value={licence.holderIdField ?? ""} onChange={(e) => setLicence({ holderIdField: e.target.value || undefined })}>
              <option value="">（无）</option>
              {fields.map((f) => <option key={f.key} value={f.key}>{f.title}</option>)}
            </select>
          </>
        )}
      </section>
      {preview.data?.previewErrors.length ? (
        <div className="error-summary" role="alert"><ul>{preview.data.previewErrors.map((e) => <li key={e}>{e}</li>)}</ul></div>
      ) : null}
      {preview.data?.preview && <iframe title="文书预览" sandbox="" srcDoc={preview.data.preview} style={{ width: "100%", height: 480, border: "1px solid #ccc" }} />}
      <SaveBar part="templates" value={manifest} rowVersion={rowVersion} label="保存文书模板" />
    </>
  );
}

function WorkflowTab({ document, schema, rowVersion, errors }: { document: ItemVersionDocument; schema: unknown; rowVersion: number; errors: Array<{ path: string; message: string }> }) {
  const [workflow, setWorkflow] = useState<unknown>(document.workflow);
  return (
    <>
      <p className="muted">办理环节、牵头部门、协办部门及其负责的表单分区、汇总规则、超时默许，以及法定和承诺办结时限（工作日）。</p>
      <SchemaEditor schema={schema} uiSchema={{ coDepartments: { "ui:options": { orderable: true } }, steps: { "ui:widget": "checkboxes" } }} value={workflow} errors={partErrors(errors, "workflow")} onChange={setWorkflow} />
      <SaveBar part="workflow" value={workflow} rowVersion={rowVersion} label="保存审批流程" />
    </>
  );
}

function JsonTab({ document, rowVersion }: { document: ItemVersionDocument; rowVersion: number }) {
  const [part, setPart] = useState<DraftPart>("form");
  const [texts, setTexts] = useState(() => Object.fromEntries(DRAFT_PARTS.map((p) => [p, JSON.stringify(document[p], null, 2)])) as Record<DraftPart, string>);
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p className="muted">供熟悉 JSON 的人员直接编辑。保存时按平台模式和 JSON Schema 元模式检查，不通过则不保存，并指出出错的位置。</p>
      <label htmlFor="json-part">编辑部分</label>
      <select id="json-part" value={part} onChange={(e) => setPart(e.target.value as DraftPart)}>
        {DRAFT_PARTS.map((p) => <option key={p} value={p}>{PART_LABELS[p]}</option>)}
      </select>
      <RemixForm method="post">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="part" value={part} />
        <input type="hidden" name="rowVersion" value={rowVersion} />
        <input type="hidden" name="strict" value="1" />
        <label htmlFor="json-text">{PART_LABELS[part]}（JSON）</label>
        <textarea id="json-text" name="value" rows={24} spellCheck={false} style={{ fontFamily: "monospace" }} value={texts[part]} onChange={(e) => setTexts((t) => ({ ...t, [part]: e.target.value }))} />
        <p><button type="submit" disabled={busy}>保存 JSON</button></p>
      </RemixForm>
    </>
  );
}

export default function DraftEditor() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const [params] = useSearchParams();
  const tab = (TABS.find((t) => t.key === params.get("tab"))?.key ?? "item") as Tab;
  const editable = d.draft.status === "editing" || d.draft.status === "returned";
  const doc = d.document as unknown as ItemVersionDocument;
  return (
    <>
      <p><Link to="/studio">← 事项配置</Link></p>
      <h1>{doc.item.name}</h1>
      <p>
        草稿状态：<strong data-testid="draft-status">{d.draft.statusLabel}</strong>
        {d.draft.isNew ? "（新事项）" : ""}
      </p>
      {d.draft.comment && <div className="notice" role="status">中心退回意见：{d.draft.comment}</div>}
      <nav className="chips" aria-label="编辑内容">
        {TABS.map((t) => <Link key={t.key} to={`?tab=${t.key}`} aria-current={t.key === tab ? "page" : undefined}>{t.title}</Link>)}
      </nav>
      {result?.saved && <div className="notice" role="status">{result.savedPart}已保存。</div>}
      <ErrorSummary errors={result?.errors} />
      {!editable && tab !== "submit" ? <div className="notice">草稿已提交中心审核，审核结束前不能修改。</div> : null}
      <div key={`${tab}-${d.draft.rowVersion}`}>
        {tab === "item" && <GuideTab document={doc} schema={d.schemas.item} rowVersion={d.draft.rowVersion} errors={d.errors} />}
        {tab === "materials" && <MaterialsTab document={doc} schema={d.schemas.materials} rowVersion={d.draft.rowVersion} errors={d.errors} />}
        {tab === "form" && <FormTab design={d.design as EditedDesign | null} sections={(doc.form.sections ?? []) as Section[]} departments={d.departments} problem={d.designProblem} rowVersion={d.draft.rowVersion} />}
        {tab === "templates" && <TemplatesTab document={doc} fields={d.fields} kinds={d.documentKinds as Array<{ kind: DocumentKind; title: string }>} rowVersion={d.draft.rowVersion} />}
        {tab === "workflow" && <WorkflowTab document={doc} schema={d.schemas.workflow} rowVersion={d.draft.rowVersion} errors={d.errors} />}
        {tab === "json" && <JsonTab document={doc} rowVersion={d.draft.rowVersion} />}
        {tab === "submit" && (
          <section aria-labelledby="submit-heading">
            <h2 id="submit-heading">提交政务服务中心发布</h2>
            {d.errors.length ? (
              <>
                <p>以下内容需要补充或修改后才能提交：</p>
                <ul data-testid="draft-errors">
                  {d.errors.map((e, i) => {
                    const part = e.path.split(/[.[]/)[0];
                    const target = TABS.find((t) => t.key === part)?.key ?? "json";
                    return <li key={i}><Link to={`?tab=${target}`}>{TABS.find((t) => t.key === target)?.title}</Link> · {e.path}：{e.message}</li>;
                  })}
                </ul>
              </>
            ) : (
              <p>检查通过，可以提交。提交后由政务服务中心审核差异并发布。</p>
            )}
            {editable && (
              <RemixForm method="post">
                <input type="hidden" name="intent" value="submit" />
                <button type="submit">提交发布</button>
              </RemixForm>
            )}
            <h2>变更记录</h2>
            <ol className="timeline" aria-label="变更记录">
              {d.trail.map((e) => <li key={e.id}>{e.at} {e.actor} {e.action}{e.detail ? `：${e.detail}` : ""}</li>)}
            </ol>
          </section>
        )}
      </div>
    </>
  );
}
