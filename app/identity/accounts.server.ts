import { Op } from "sequelize";
import type { FieldError } from "~/schemas/validate.server";
import { idCardError, mobileError } from "./id-card";
import { User } from "./models.server";
import { hashPassword, passwordError, verifyPassword } from "./password.server";
import { claimWalkInAccount } from "./walk-in.server";

export interface CitizenRegistration {
  name: string;
  mobile: string;
  idCard: string;
  password: string;
}

export function registrationErrors(input: CitizenRegistration): FieldError[] {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(name)) errors.push({ path: "name", message: "请填写 2–20 个汉字的真实姓名" });
  const mobile = mobileError(input.mobile);
  if (mobile) errors.push({ path: "mobile", message: mobile });
  const idCard = idCardError(input.idCard);
  if (idCard) errors.push({ path: "idCard", message: idCard });
  const password = passwordError(input.password);
  if (password) errors.push({ path: "password", message: password });
  return errors;
}

/** Registers a citizen; the mobile number is the username. Returns field errors or the new user. */
export async function registerCitizen(input: CitizenRegistration): Promise<{ errors: FieldError[] } | { user: User }> {
  const errors = registrationErrors(input);
  if (errors.length) return { errors };
  const mobile = input.mobile.trim();
  const idCard = input.idCard.trim().toUpperCase();
  const claimed = await claimWalkInAccount({ name: input.name.trim(), mobile, idCard, password: input.password });
  if (claimed) return claimed;
  const existing = await User.findOne({ where: { [Op.or]: [{ mobile }, { idCard }, { username: mobile }] } });
  if (existing) {
    const path = existing.idCard === idCard ? "idCard" : "mobile";
    return { errors: [{ path, message: path === "idCard" ? "该身份证号码已注册，请直接登录" : "该手机号码已注册，请直接登录" }] };
  }
  const user = await User.create({
    username: mobile,
    name: input.name.trim(),
    role: "citizen",
    departmentId: null,
    mobile,
    idCard,
    creditCode: null,
    passwordHash: await hashPassword(input.password),
  });
  return { user };
}

/** Username or mobile number + password. Same message for unknown user and wrong password (no enumeration). */
export async function authenticate(login: string, password: string): Promise<User | null> {
  const key = login.trim();
  if (!key || !password) return null;
  const user = await User.findOne({ where: { [Op.or]: [{ username: key }, { mobile: key }] } });
  if (!user || !user.active) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/** Changes a password after checking the current one; every other session of the user is revoked. */
export async function changePassword(userId: number, current: string, next: string): Promise<Array<{ path: string; message: string }>> {
  const user = await User.findByPk(userId);
  if (!user || !(await verifyPassword(current, user.passwordHash))) return [{ path: "current", message: "当前密码不正确" }];
  const weak = passwordError(next);
  if (weak) return [{ path: "next", message: weak }];
  if (current === next) return [{ path: "next", message: "新密码不能与当前密码相同" }];
  await user.update({ passwordHash: await hashPassword(next), mustChangePassword: false });
  return [];
}

/** Whether the applicant declined non-essential messages (legal notices are sent regardless). */
export async function notifyOptOut(userId: number): Promise<boolean> {
  return (await User.findByPk(userId, { attributes: ["id", "notifyOptOut"] }))?.notifyOptOut ?? false;
}

export async function setNotifyOptOut(userId: number, optOut: boolean): Promise<void> {
  await User.update({ notifyOptOut: optOut }, { where: { id: userId } });
}
