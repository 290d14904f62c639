import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAjv } from "~/schemas/validate.server";
import { designToEdited, editedToDesign, formFromEdited } from "~/studio/design-form";
import {
  COLUMN_KINDS,
  designErrors,
  FIELD_KINDS,
  fromFormDefinition,
  NotADesignError,
  toFormDefinition,
  type DesignColumn,
  type DesignField,
  type FieldKind,
  type FieldValue,
  type FormDesign,
} from "~/studio/designer";

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,11}$/);
const label = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const options = fc.uniqueArray(label, { minLength: 1, maxLength: 5 });

/** Drops the keys an arbitrary left undefined: the designer never stores an undefined property. */
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const column: fc.Arbitrary<Omit<DesignColumn, "key">> = fc
  .constantFrom(...COLUMN_KINDS)
  .chain((kind) =>
    fc.record({ kind: fc.constant(kind), label, required: maybe(fc.constant(true)), options: kind === "select" ? options : fc.constant(undefined) }),
  )
  .map((c) => defined(c) as Omit<DesignColumn, "key">);

/** A field of one kind with only the properties that kind has, as the designer's panels offer them. */
function fieldOf(kind: FieldKind, steps: number): fc.Arbitrary<Omit<DesignField, "key" | "visibleWhen">> {
  const text = kind === "text" || kind === "textarea" || kind === "email";
  const numeric = kind === "number" || kind === "amount";
  const choice = kind === "select" || kind === "radio" || kind === "checkboxes";
  const lengths = fc.tuple(fc.nat(20), fc.nat(200)).map(([a, b]) => ({ minLength: a, maxLength: a + b }));
  const range = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.nat(10_000)).map(([a, b]) => ({ minimum: a, maximum: a + b }));
  const defaultValue: fc.Arbitrary<FieldValue | undefined> =
    kind === "yesNo" ? fc.boolean() : numeric ? fc.integer({ min: 0, max: 100 }) : kind === "text" || kind === "textarea" ? label : fc.constant(undefined);
  return fc
    .record({
      kind: fc.constant(kind),
      label,
      help: kind === "paragraph" ? fc.constant(undefined) : maybe(label),
      placeholder: kind === "heading" || kind === "paragraph" ? fc.constant(undefined) : maybe(label),
      required: kind === "heading" || kind === "paragraph" ? fc.constant(undefined) : maybe(fc.constant(true)),
      defaultValue: maybe(defaultValue),
      limits: text ? maybe(lengths) : numeric ? maybe(range) : fc.constant(undefined),
      options: choice ? options : fc.constant(undefined),
      step: steps ? maybe(fc.nat(steps - 1)) : fc.constant(undefined),
      prefill: maybe(fc.record({ source: fc.constantFrom("applicant" as const, "enterprise" as const, "licence" as const), path: key })),
      material: kind === "upload" ? maybe(key) : fc.constant(undefined),
      columns: kind === "table" ? fc.uniqueArray(fc.tuple(key, column), { minLength: 1, maxLength: 4, selector: ([k]) => k }) : fc.constant(undefined),
      rows: kind === "table" ? maybe(fc.tuple(fc.nat(3), fc.nat(20)).map(([a, b]) => ({ minRows: a, maxRows: a + b }))) : fc.constant(undefined),
    })
    .map(({ limits, rows, columns, ...f }) => {
      const field = defined({ ...f, ...limits, ...rows, columns: columns?.map(([k, c]) => ({ key: k, ...c })) });
      return field as Omit<DesignField, "key" | "visibleWhen">;
    });
}

const design: fc.Arbitrary<FormDesign> = fc
  .record({ title: label, steps: fc.array(label, { maxLength: 3 }) })
  .chain(({ title, steps }) =>
    fc
      .uniqueArray(
        fc.tuple(key, fc.constantFrom(...(Object.keys(FIELD_KINDS) as FieldKind[])).chain((kind) => fieldOf(kind, steps.length)), fc.nat(), fc.boolean()),
        { minLength: 1, maxLength: 12, selector: ([k]) => k },
      )
      .map((entries) => {
        const fields: DesignField[] = [];
        for (const [k, f, pick, conditional] of entries) {
          const field: DesignField = { key: k, ...f };
          // A condition on an earlier yes/no or choice field, with a value it can take.
          const earlier = fields.filter((g) => g.kind === "yesNo" || g.kind === "select" || g.kind === "radio");
          if (conditional && earlier.length) {
            const on = earlier[pick % earlier.length];
            field.visibleWhen = { field: on.key, equals: on.kind === "yesNo" ? pick % 2 === 0 : on.options![pick % on.options!.length] };
          }
          fields.push(field);
        }
        return { title, steps, fields };
      }),
  );

describe("the form designer's JSON translation", () => {
  it("gives back every generated design unchanged (designer → JSON → designer)", () => {
    fc.assert(
      fc.property(design, (d) => {
        expect(designErrors(d)).toEqual([]);
        const definition = toFormDefinition(d);
        expect(fromFormDefinition(JSON.parse(JSON.stringify(definition)))).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });

  it("gives back every generated design through the designer's editing form (designer panel → design)", () => {
    fc.assert(
      fc.property(design, (d) => {
        expect(editedToDesign(JSON.parse(JSON.stringify(designToEdited(d))))).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });

  it("produces draft-07 schemas that Ajv compiles and that enforce the designed rules", () => {
    const ajv = createAjv();
    fc.assert(
      fc.property(design, (d) => {
        const { schema } = toFormDefinition(d);
        expect(ajv.validateSchema(schema)).toBe(true);
        const validate = ajv.compile(schema);
        // An empty submission is refused exactly when some always-visible field is required.
        const alwaysRequired = d.fields.some((f) => f.required && !f.visibleWhen);
        expect(validate({})).toBe(!alwaysRequired);
      }),
      { numRuns: 100 },
    );
  });

  it("requires a conditional field only when its condition holds", () => {
    const d: FormDesign = {
      title: "测试",
      steps: [],
      fields: [
        { key: "married", kind: "yesNo", label: "是否已婚", required: true },
        { key: "spouseName", kind: "text", label: "配偶姓名", required: true, visibleWhen: { field: "married", equals: true } },
      ],
    };
    const validate = createAjv().compile(toFormDefinition(d).schema);
    expect(validate({ married: false })).toBe(true);
    expect(validate({ married: true })).toBe(false);
    expect(validate({ married: true, spouseName: "李四" })).toBe(true);
  });

  it("explains design mistakes on the field that has them", () => {
    const errors = designErrors({
      title: "x",
      steps: [],
      fields: [
        { key: "1bad", kind: "text", label: "" },
        { key: "choice", kind: "select", label: "选择", options: [] },
        { key: "choice", kind: "number", label: "数", minimum: 5, maximum: 1, step: 0 },
      ],
    });
    expect(errors).toEqual([
      { path: "fields.0.key", message: "字段标识只能包含字母、数字和下划线，并以字母开头" },
      { path: "fields.0.label", message: "请填写字段名称" },
      { path: "fields.1.options", message: "请至少填写一个选项" },
      { path: "fields.2.key", message: "字段标识 choice 重复" },
      { path: "fields.2.maximum", message: "最大值不能小于最小值" },
      { path: "fields.2.step", message: "所属步骤不存在" },
    ]);
  });
});

describe("opening forms written before the designer", () => {
  it("reads plain hand-written properties as palette fields and refuses the rest with the field's name", () => {
    const design = fromFormDefinition({
      schema: {
        type: "object",
        title: "申请表",
        required: ["name"],
        properties: {
          name: { type: "string", title: "姓名", maxLength: 30 },
          mobile: { type: "string", title: "手机", pattern: "^1[3-9][0-9]{9}$" },
          married: { type: "boolean", title: "已婚" },
          kind: { type: "string", title: "类别", enum: ["甲", "乙"] },
        },
      },
      uiSchema: {},
    });
    expect(design.fields.map((f) => [f.key, f.kind, f.required ?? false])).toEqual([
      ["name", "text", true],
      ["mobile", "mobile", false],
      ["married", "yesNo", false],
      ["kind", "select", false],
    ]);
    const nested = { schema: { type: "object" as const, properties: { rep: { type: "object", title: "法定代表人", properties: {} } } }, uiSchema: {} };
    expect(() => fromFormDefinition(nested)).toThrow(NotADesignError);
    expect(() => fromFormDefinition(nested)).toThrow("字段“法定代表人”的结构设计器无法编辑，请在 JSON 页签中编辑");
  });
});

describe("saving what the designer holds", () => {
  const previous = { kind: "application" as const, schema: { type: "object" as const, properties: {} }, uiSchema: {} };
  it("keeps sections to existing fields, makes the form one-table exactly when there are sections, and reports mistakes under form.", () => {
    const edited = { title: "表", steps: [], fields: [{ kind: "text" as const, label: "姓名", key: "name" }] };
    const sections = [
      { key: "a", title: "甲", department: "scjg", fields: ["name", "gone"] as [string, ...string[]] },
      { key: "b", title: "乙", department: "gaj", fields: ["gone"] as [string, ...string[]] },
    ];
    const saved = formFromEdited({ ...edited, sections }, previous);
    expect("form" in saved && [saved.form.kind, saved.form.sections]).toEqual(["one_table", [{ key: "a", title: "甲", department: "scjg", fields: ["name"] }]]);
    const plain = formFromEdited({ ...edited, sections: [] }, { ...previous, kind: "one_table" });
    expect("form" in plain && [plain.form.kind, plain.form.sections]).toEqual(["application", undefined]);
    expect(formFromEdited({ ...edited, fields: [{ kind: "select", label: "类", key: "k" }] }, previous)).toEqual({ errors: [{ path: "form.fields.0.options", message: "请至少填写一个选项" }] });
  });
});
