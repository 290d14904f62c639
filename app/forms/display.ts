/** Form data shown as label/value rows (documents, reviewer views, the applicant's check page). Pure. */
type Schema = { properties?: Record<string, Record<string, unknown>> };

function display(value: unknown, schema: Record<string, unknown> | undefined): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) {
    const items = schema?.items as Record<string, unknown> | undefined;
    return value.map((v) => display(v, items)).join("；");
  }
  if (typeof value === "object") {
    const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${(props[k]?.title as string) ?? k}：${display(v, props[k])}`)
      .join("，");
  }
  return String(value);
}

/** Top-level fields of a submission as label/value rows, in the form's order (optionally only some). */
export function printableFields(schema: Schema, data: Record<string, unknown>, only?: string[]): Array<{ title: string; value: string }> {
  const props = schema.properties ?? {};
  return Object.keys(props)
    .filter((key) => !only || only.includes(key))
    .filter((key) => data[key] !== undefined)
    .map((key) => ({ title: (props[key].title as string) ?? key, value: display(data[key], props[key]) }));
}
