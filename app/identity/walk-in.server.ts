import { Op, type Transaction } from "sequelize";
import { Case } from "~/cases/models.server";
import { User } from "./models.server";
import { hashPassword, passwordError } from "./password.server";
import type { WalkInApplicant } from "./walk-in";

/**
 * The password hash of an account opened at a window for an applicant who has none. It is not a scrypt hash,
 * so no password verifies against it: the applicant claims the account by registering (see claimWalkInAccount).
 */
export const UNCLAIMED_PASSWORD = "unclaimed:window-intake";

export type WalkInLookup = { account: User | null } | { errors: Array<{ path: string; message: string }> };

/**
 * The applicant's existing account: a citizen by ID card, a legal person by credit code. The name must match
 * the one on file (the clerk saw the document; a mismatch is a typing error or a different person). Null when
 * the applicant has no account yet.
 */
export async function findWalkInAccount(applicant: WalkInApplicant, transaction?: Transaction): Promise<WalkInLookup> {
  const account =
    applicant.kind === "person"
      ? await User.findOne({ where: { idCard: applicant.idNumber }, transaction })
      : await User.findOne({ where: { creditCode: applicant.idNumber, role: "enterprise" }, order: [["id", "ASC"]], transaction });
  if (!account) return { account: null };
  if (account.role !== (applicant.kind === "person" ? "citizen" : "enterprise") || !account.active) {
    return { errors: [{ path: "applicant.idNumber", message: "该证件号码对应的账号不能作为申请人，请到综合窗口核实" }] };
  }
  if (account.name !== applicant.name) {
    const what = applicant.kind === "person" ? "姓名与该身份证号码已登记的姓名" : "单位名称与该统一社会信用代码已登记的名称";
    return { errors: [{ path: "applicant.name", message: `${what}不一致，请核对证件` }] };
  }
  return { account };
}

/**
 * Opens an account for a walk-in applicant, in the intake's transaction: username = the ID number, the mobile
 * kept when no other account uses it (cases keep the mobile anyway), and no usable password.
 */
export async function openWalkInAccount(applicant: WalkInApplicant, transaction: Transaction): Promise<User> {
  const mobileTaken = (await User.count({ where: { [Op.or]: [{ mobile: applicant.mobile }, { username: applicant.mobile }] }, transaction })) > 0;
  return User.create(
    {
      username: applicant.idNumber,
      name: applicant.name,
      role: applicant.kind === "person" ? "citizen" : "enterprise",
      departmentId: null,
      mobile: mobileTaken ? null : applicant.mobile,
      idCard: applicant.kind === "person" ? applicant.idNumber : null,
      creditCode: applicant.kind === "legal" ? applicant.idNumber : null,
      passwordHash: UNCLAIMED_PASSWORD,
    },
    { transaction },
  );
}

/**
 * Registration by a citizen whose account was opened at a window: name, ID card and a mobile number they gave
 * at the window (on the account or on one of its cases) must all match; then the account gets the password and
 * the mobile becomes its login. Null when the ID card has no unclaimed account (ordinary registration applies).
 */
export async function claimWalkInAccount(input: { name: string; mobile: string; idCard: string; password: string }): Promise<{ errors: Array<{ path: string; message: string }> } | { user: User } | null> {
  const account = await User.findOne({ where: { idCard: input.idCard, role: "citizen", passwordHash: UNCLAIMED_PASSWORD } });
  if (!account) return null;
  const knownMobile = account.mobile === input.mobile || (await Case.count({ where: { applicantId: account.id, applicantMobile: input.mobile } })) > 0;
  if (account.name !== input.name || !knownMobile) {
    return { errors: [{ path: "mobile", message: "该身份证号码已在政务服务中心窗口办过事，请填写当时登记的姓名和手机号码；手机号码已更换的，请携带身份证到窗口办理" }] };
  }
  const weak = passwordError(input.password);
  if (weak) return { errors: [{ path: "password", message: weak }] };
  const other = await User.findOne({ where: { id: { [Op.ne]: account.id }, [Op.or]: [{ mobile: input.mobile }, { username: input.mobile }] } });
  if (other) return { errors: [{ path: "mobile", message: "该手机号码已注册，请直接登录" }] };
  // Guarded by the marker: of two concurrent claims, one sets the password.
  const [claimed] = await User.update(
    { username: input.mobile, mobile: input.mobile, passwordHash: await hashPassword(input.password) },
    { where: { id: account.id, passwordHash: UNCLAIMED_PASSWORD } },
  );
  if (!claimed) return { errors: [{ path: "idCard", message: "该身份证号码已注册，请直接登录" }] };
  return { user: await account.reload() };
}
