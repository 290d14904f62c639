import { isSatisfiedLevel } from "~/evaluation/labels";

/** 服务满意率 counts levels ≥ 3 (evaluation/labels.ts isSatisfiedLevel), as the SQL of the rollups needs it. */
export const SATISFIED_MIN_LEVEL = 3;

if (!isSatisfiedLevel(SATISFIED_MIN_LEVEL) || isSatisfiedLevel(SATISFIED_MIN_LEVEL - 1)) {
  throw new Error("SATISFIED_MIN_LEVEL disagrees with isSatisfiedLevel");
}
