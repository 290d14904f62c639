import type { Transaction } from "sequelize";
import { loadVersion, type PublishedVersion } from "~/catalog/service.server";
import type { TransitionContext } from "./lifecycle";
import type { Case } from "./models.server";

/** The item version a case is pinned to; it exists for as long as the case does. */
export async function pinnedVersion(kase: Case, t?: Transaction): Promise<PublishedVersion> {
  const version = await loadVersion(kase.itemVersionId, t);
  if (!version) throw new Error(`item version ${kase.itemVersionId} of case ${kase.id} is missing`);
  return version;
}

export function transitionContext(kase: Case, version: PublishedVersion): TransitionContext {
  return {
    steps: version.workflow.steps,
    deemedConsent: version.workflow.deemedConsent,
    extensionDays: version.workflow.extensionDays ?? 0,
    extended: kase.extensionReason != null,
    decision: kase.decision,
    joinOutcome: kase.joinOutcome ?? null,
  };
}
