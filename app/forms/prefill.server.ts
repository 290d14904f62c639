import type { CurrentUser } from "~/identity/session.server";
import { Licence } from "~/licences/models.server";
import type { PrefillSources } from "./prefill";
import { hasRole } from "~/identity/roles";

/**
 * Where prefill values come from: the applicant's profile, the enterprise record (for legal persons) and the
 * e-licence library, whose values are addressed as "<licence name>.<attribute>", e.g. "营业执照.holderName".
 */
export async function prefillSources(user: CurrentUser): Promise<PrefillSources> {
  const licences = await Licence.findAll({ where: { holderUserId: user.id }, order: [["id", "ASC"]] });
  const licence: Record<string, string | null> = {};
  // Later licences of the same name overwrite earlier ones: the newest one counts.
  for (const l of licences) {
    Object.assign(licence, {
      [`${l.name}.number`]: l.number,
      [`${l.name}.holderName`]: l.holderName,
      [`${l.name}.holderId`]: l.holderId,
      [`${l.name}.issuedOn`]: l.issuedOn,
    });
  }
  return {
    applicant: { name: user.name, mobile: user.mobile, idCard: user.idCard },
    enterprise: hasRole(user, "enterprise") ? { name: user.name, creditCode: user.creditCode, mobile: user.mobile } : null,
    licence: licences.length ? licence : null,
  };
}
