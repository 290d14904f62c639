/** The parts of a version document the studio edits one at a time, with their Chinese names. */
export const DRAFT_PARTS = ["item", "materials", "form", "templates", "workflow"] as const;
export type DraftPart = (typeof DRAFT_PARTS)[number];

export const PART_LABELS: Record<DraftPart, string> = { item: "办事指南", materials: "申请材料", form: "申请表单", templates: "文书模板", workflow: "审批流程" };
