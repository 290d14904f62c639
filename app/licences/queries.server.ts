import { maskIdCard } from "~/identity/id-card";
import type { CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import { Licence } from "./models.server";
import { departmentNames } from "~/org/names.server";

export const VERIFY_CODE_PATTERN = /^[2-9A-Z]{12}$/;

/** Public verification by code: enough to confirm authenticity, with the holder's id masked. */
export async function verifyLicence(code: string) {
  const normalized = code.trim().toUpperCase();
  if (!VERIFY_CODE_PATTERN.test(normalized)) return { error: "验证码应为 12 位字母或数字", licence: null };
  const licence = await Licence.findOne({ where: { verifyCode: normalized } });
  if (!licence) return { error: "未查到该验证码对应的电子证照，请核对", licence: null };
  const department = await Department.findByPk(licence.departmentId);
  return {
    error: null,
    licence: {
      name: licence.name,
      number: licence.number,
      holderName: licence.holderName,
      holderId: licence.holderId ? maskIdCard(licence.holderId) : "",
      department: department?.name ?? "",
      issuedOn: licence.issuedOn,
    },
  };
}

/** The applicant's e-licence library (电子证照库). */
export async function myLicences(user: CurrentUser) {
  const licences = await Licence.findAll({ where: { holderUserId: user.id }, order: [["id", "DESC"]] });
  const names = await departmentNames();
  return licences.map((l) => ({
    id: l.id,
    caseId: l.caseId,
    name: l.name,
    number: l.number,
    holderName: l.holderName,
    department: names.get(l.departmentId) ?? "",
    issuedOn: l.issuedOn,
    verifyCode: l.verifyCode,
  }));
}
