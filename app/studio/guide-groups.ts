/**
 * The guide editor's tabs: which service-item elements each shows. An element added to
 * schemas/service-item.schema.json and not listed here appears under 基本信息, so nothing is ever hidden.
 */
export const GUIDE_GROUPS = [
  { key: "basic", title: "基本信息", elements: [] as string[] },
  {
    key: "handling",
    title: "办理信息",
    elements: ["conditions", "handlingForms", "visitsRequired", "visitReason", "processSteps", "location", "hours", "consultPhone", "complaintPhone", "inHall", "quantityLimit"],
  },
  { key: "fees", title: "收费", elements: ["charged", "feeBasis", "fees"] },
  { key: "result", title: "审批结果", elements: ["result"] },
  { key: "online", title: "网上办理", elements: ["online", "onlineDepth", "courier", "onlinePayment", "universalScope"] },
] as const;

export type GuideGroupKey = (typeof GUIDE_GROUPS)[number]["key"];

/** The elements of one tab, in schema order. */
export function groupElements(group: GuideGroupKey, allElements: string[]): string[] {
  const listed = new Set(GUIDE_GROUPS.flatMap((g) => g.elements));
  if (group === "basic") return allElements.filter((e) => !listed.has(e));
  const wanted: readonly string[] = GUIDE_GROUPS.find((g) => g.key === group)!.elements;
  return allElements.filter((e) => wanted.includes(e));
}

/** The service-item schema narrowed to one tab's elements (definitions kept for its references). */
export function groupSchema(schema: { properties: Record<string, unknown>; required?: string[] } & Record<string, unknown>, group: GuideGroupKey) {
  const elements = groupElements(group, Object.keys(schema.properties));
  return {
    ...schema,
    properties: Object.fromEntries(elements.map((e) => [e, schema.properties[e]])),
    required: (schema.required ?? []).filter((r) => elements.includes(r)),
  };
}
