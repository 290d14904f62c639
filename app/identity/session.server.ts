import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie, redirect } from "@remix-run/node";
import { Op, type Transaction } from "sequelize";
import { Department } from "~/org/models.server";
import { Session, User } from "./models.server";
import { hasRole, HOME_BY_ROLE, type Role } from "./roles";
import { config } from "~/config.server";

const SESSION_DAYS = 7;

/** SESSION_SECRET, or (demo only) a random secret kept under data/ so sessions survive restarts. */
function sessionSecret(): string {
  const secret = config().sessionSecret;
  if ("value" in secret) return secret.value;
  const file = path.resolve(secret.file);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

export const sessionCookie = createCookie("hall_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().cookieSecure,
  secrets: [sessionSecret()],
  maxAge: SESSION_DAYS * 86_400,
});

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface CurrentUser {
  id: number;
  name: string;
  username: string;
  /** The primary role: where the user lands after login. */
  role: Role;
  roles: Role[];
  departmentId: number | null;
  departmentName: string | null;
  departmentCode: string | null;
  mobile: string | null;
  idCard: string | null;
  creditCode: string | null;
  /** A temporary password from a reset: every page but the password change sends the user there. */
  mustChangePassword: boolean;
}

/** Creates a session row and returns the Set-Cookie header value. */
export async function startSession(userId: number, userAgent: string | null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await Session.create({
    id: digest(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    revokedAt: null,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return sessionCookie.serialize(token);
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const session = await Session.findOne({
    where: { id: digest(token), revokedAt: null, expiresAt: { [Op.gt]: new Date() } },
  });
  if (!session) return null;
  const user = await User.findByPk(session.userId);
  return user && user.active ? toCurrentUser(user) : null;
}

export async function toCurrentUser(user: User): Promise<CurrentUser> {
  const department = user.departmentId ? await Department.findByPk(user.departmentId) : null;
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    role: user.role,
    roles: user.roles?.length ? user.roles : [user.role],
    departmentId: user.departmentId,
    departmentName: department?.name ?? null,
    departmentCode: department?.code ?? null,
    mobile: user.mobile,
    idCard: user.idCard,
    creditCode: user.creditCode,
    mustChangePassword: user.mustChangePassword,
  };
}

/** Revokes the request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) await Session.update({ revokedAt: new Date() }, { where: { id: digest(token) } });
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Revokes every session of a user (password change, account disabled). */
export async function revokeUserSessions(userId: number, transaction?: Transaction): Promise<number> {
  const [count] = await Session.update({ revokedAt: new Date() }, { where: { userId, revokedAt: null }, transaction });
  return count;
}

/** Where a user with a temporary password must go before anything else. */
export const PASSWORD_CHANGE_PATH = "/account/password";

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  if (user.mustChangePassword && url.pathname !== PASSWORD_CHANGE_PATH) throw redirect(PASSWORD_CHANGE_PATH);
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasRole(user, roles)) throw new Response("您没有权限访问此页面", { status: 403, statusText: "Forbidden" });
  return user;
}

/** A staff user of a department; throws 403 for anyone else. */
export async function requireDepartmentStaff(request: Request, roles: readonly Role[]): Promise<CurrentUser & { departmentId: number }> {
  const user = await requireRole(request, roles);
  if (user.departmentId == null) throw new Response("您的账号未关联部门", { status: 403 });
  return user as CurrentUser & { departmentId: number };
}

export function homeFor(role: Role): string {
  return HOME_BY_ROLE[role];
}
