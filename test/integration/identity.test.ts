import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, registerCitizen } from "~/identity/accounts.server";
import { Session, User } from "~/identity/models.server";
import { verifyPassword } from "~/identity/password.server";
import { endSession, getUser, requireDepartmentStaff, requireRole, requireUser, revokeUserSessions, startSession } from "~/identity/session.server";
import { freshDatabase } from "../support/db";

beforeAll(async () => {
  await freshDatabase();
});

function requestWith(cookieHeader: string | null, url = "http://hall.test/my/cases") {
  const cookie = cookieHeader?.split(";")[0];
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(() => null, (e: unknown) => e);
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

describe("citizen registration", () => {
  const valid = { name: "李小红", mobile: "13698765432", idCard: "610924198506202348", password: "Hongyun2026" };

  it("explains every bad field in Chinese and creates no account", async () => {
    const before = await User.count();
    const result = await registerCitizen({ name: "A", mobile: "123", idCard: "610924198506202347", password: "short" });
    expect("errors" in result && result.errors).toEqual([
      { path: "name", message: "请填写 2–20 个汉字的真实姓名" },
      { path: "mobile", message: "手机号码应为 11 位数字，以 1 开头" },
      { path: "idCard", message: "身份证号码校验位不正确，请核对" },
      { path: "password", message: "密码至少 8 位" },
    ]);
    expect(await User.count()).toBe(before);
  });

  it("registers with a hashed password, and refuses the same mobile or ID number twice", async () => {
    const result = await registerCitizen(valid);
    expect("user" in result).toBe(true);
    const user = await User.findOne({ where: { mobile: valid.mobile } });
    expect(user!.role).toBe("citizen");
    expect(user!.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(user!.passwordHash).not.toContain(valid.password);
    expect(await verifyPassword(valid.password, user!.passwordHash)).toBe(true);
    expect(await verifyPassword("Hongyun2027", user!.passwordHash)).toBe(false);

    const again = await registerCitizen({ ...valid, mobile: "13698765433" });
    expect("errors" in again && again.errors).toEqual([{ path: "idCard", message: "该身份证号码已注册，请直接登录" }]);
  });

  it("authenticates by username or mobile, and not with a wrong password", async () => {
    expect((await authenticate("13698765432", valid.password))?.name).toBe("李小红");
    expect((await authenticate("reviewer_gaj", "Ziyang2026"))?.role).toBe("reviewer");
    expect(await authenticate("reviewer_gaj", "Ziyang2027")).toBeNull();
    expect(await authenticate("nobody", "Ziyang2026")).toBeNull();
  });
});

describe("sessions", () => {
  it("are database rows behind an httpOnly SameSite cookie, and logout revokes them", async () => {
    const citizen = (await User.findOne({ where: { username: "13912345678" } }))!;
    const setCookie = await startSession(citizen.id, "vitest");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const rows = await Session.findAll({ where: { userId: citizen.id } });
    expect(rows.length).toBeGreaterThan(0);
    // Only a digest of the token is stored, never the cookie value itself.
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id) && !setCookie.includes(r.id))).toBe(true);

    const request = requestWith(setCookie);
    expect((await getUser(request))?.name).toBe("张三");
    await endSession(request);
    expect(await getUser(request)).toBeNull();
  });

  it("can all be revoked for a user at once", async () => {
    const user = (await User.findOne({ where: { username: "reviewer_swj" } }))!;
    const a = await startSession(user.id, null);
    const b = await startSession(user.id, null);
    expect(await revokeUserSessions(user.id)).toBeGreaterThanOrEqual(2);
    expect(await getUser(requestWith(a))).toBeNull();
    expect(await getUser(requestWith(b))).toBeNull();
  });

  it("reject a forged or tampered cookie", async () => {
    expect(await getUser(requestWith("hall_session=forged"))).toBeNull();
    const user = (await User.findOne({ where: { username: "center" } }))!;
    const cookie = await startSession(user.id, null);
    const tampered = cookie.replace(/hall_session=([^;]{5})/, "hall_session=AAAAA");
    expect(await getUser(requestWith(tampered))).toBeNull();
  });
});

describe("authorization helpers", () => {
  it("send anonymous users to the login page with where they wanted to go", async () => {
    const response = await thrownResponse(requireUser(requestWith(null, "http://hall.test/my/cases?x=1")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fmy%2Fcases%3Fx%3D1");
  });

  it("answer 403 to a role that may not enter, for every pair of roles", async () => {
    const usernames = { citizen: "13912345678", enterprise: "ziyang_tea", dept_admin: "scjg_admin", reviewer: "reviewer_scjg", center_admin: "center", supervisor: "supervisor", window_clerk: "window01" } as const;
    for (const [role, username] of Object.entries(usernames)) {
      const user = (await User.findOne({ where: { username } }))!;
      const request = requestWith(await startSession(user.id, null));
      for (const allowed of Object.keys(usernames) as Array<keyof typeof usernames>) {
        if (allowed === role) expect((await requireRole(request, [allowed])).role).toBe(role);
        else expect((await thrownResponse(requireRole(request, [allowed]))).status).toBe(403);
      }
    }
  });

  it("require a department for department staff", async () => {
    const citizen = (await User.findOne({ where: { username: "13912345678" } }))!;
    const request = requestWith(await startSession(citizen.id, null));
    expect((await thrownResponse(requireDepartmentStaff(request, ["citizen"]))).status).toBe(403);
    const reviewer = (await User.findOne({ where: { username: "reviewer_rsj" } }))!;
    const staff = await requireDepartmentStaff(requestWith(await startSession(reviewer.id, null)), ["reviewer"]);
    expect(staff.departmentCode).toBe("rsj");
  });
});

describe("profile and password change", () => {
  it("refuses a wrong current password or a weak new one, and signs out other devices after a change", async () => {
    const { changePassword } = await import("~/identity/accounts.server");
    const { action } = await import("~/routes/portal/profile");
    const user = (await User.findOne({ where: { username: "reviewer_wsjk" } }))!;
    expect(await changePassword(user.id, "wrong-1", "Better2027")).toEqual([{ path: "current", message: "当前密码不正确" }]);
    expect(await changePassword(user.id, "Ziyang2026", "short")).toEqual([{ path: "next", message: "密码至少 8 位" }]);
    const otherDevice = requestWith(await startSession(user.id, "phone"));
    const here = (await startSession(user.id, "pc")).split(";")[0];
    const body = new URLSearchParams({ current: "Ziyang2026", next: "Better2027" });
    const response = (await action({ request: new Request("http://hall.test/my/profile", { method: "POST", body, headers: { Cookie: here } }), params: {}, context: {} })) as Response;
    expect(response.headers.get("Location")).toBe("/my/profile?changed=1");
    expect(await getUser(otherDevice)).toBeNull();
    expect(await getUser(requestWith(response.headers.get("Set-Cookie")))).not.toBeNull();
    expect((await authenticate("reviewer_wsjk", "Better2027"))?.id).toBe(user.id);
    expect(await authenticate("reviewer_wsjk", "Ziyang2026")).toBeNull();
  });
});
