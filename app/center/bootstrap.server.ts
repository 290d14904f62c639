/**
 * The first center admin of a production hall, created from the command line (`npm run create-admin`): the
 * only account that exists before anyone can sign in. It also serves as the way back in when every admin has
 * forgotten their password — whoever can run commands on the server already holds the database.
 */
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { hashPassword, passwordError } from "~/identity/password.server";
import { invalidInput } from "~/user-error";
import { recordAudit } from "./audit.server";
import { normalizeStaff, staffErrors } from "./staff.server";

export const COMMAND_LINE_ACTOR = { id: null, name: "命令行 create-admin" } as const;

export async function createCenterAdmin(input: { username: string; name: string; mobile?: string; password: string }): Promise<User> {
  const account = normalizeStaff({ username: input.username, name: input.name, mobile: input.mobile, roles: ["center_admin"] });
  const errors = await staffErrors(account);
  const weak = passwordError(input.password);
  if (weak) errors.push({ path: "password", message: `HALL_ADMIN_PASSWORD：${weak}` });
  if (errors.length) throw invalidInput(errors);
  const passwordHash = await hashPassword(input.password);
  return sequelize.transaction(async (t) => {
    const user = await User.create(
      { username: account.username, name: account.name, role: "center_admin", roles: ["center_admin"], departmentId: null, mobile: account.mobile ?? null, idCard: null, creditCode: null, passwordHash },
      { transaction: t },
    );
    await recordAudit(t, COMMAND_LINE_ACTOR, "created", "user", user.username, `${user.name}，政务服务中心管理员`);
    return user;
  });
}
