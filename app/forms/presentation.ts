/**
 * What the citizen's form shows now: fields of other steps (multi-step forms, "ui:steps") and fields whose
 * condition ("ui:options".visibleWhen) does not hold are rendered by the "hidden" field (nothing). Pure.
 */
type Ui = Record<string, unknown>;
type Options = { step?: number; visibleWhen?: { field: string; equals: unknown } };

const optionsOf = (uiSchema: Ui, key: string) => (((uiSchema[key] as Ui | undefined)?.["ui:options"] ?? {}) as Options);

export function stepTitles(uiSchema: Ui): string[] {
  return (uiSchema["ui:steps"] as string[] | undefined) ?? [];
}

/** The step a field belongs to (0 when the form has no steps or the field names none). */
export const stepOf = (uiSchema: Ui, key: string) => optionsOf(uiSchema, key).step ?? 0;

export function presentedUiSchema(schema: { properties?: Record<string, unknown> }, uiSchema: Ui, data: Record<string, unknown>, step: number): Ui {
  const stepped = stepTitles(uiSchema).length > 0;
  const out: Ui = { ...uiSchema };
  for (const key of Object.keys(schema.properties ?? {})) {
    const { visibleWhen } = optionsOf(uiSchema, key);
    const hidden = (stepped && stepOf(uiSchema, key) !== step) || (visibleWhen && data[visibleWhen.field] !== visibleWhen.equals);
    if (hidden) out[key] = { ...(uiSchema[key] as Ui | undefined), "ui:field": "hidden" };
  }
  return out;
}
