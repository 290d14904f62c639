import { beforeAll, describe, expect, it } from "vitest";
import { createCenterAdmin } from "~/center/bootstrap.server";
import { createDepartment, updateDepartment } from "~/center/departments.server";
import { AdminAudit } from "~/center/models.server";
import { createOrgUnit, orgTree, restoreOrgUnit, retireOrgUnit, updateOrgUnit } from "~/center/org-tree.server";
import { createStaff, resetStaffPassword, setStaffActive, staffList, updateStaff } from "~/center/staff.server";
import { authenticate, changePassword } from "~/identity/accounts.server";
import { creditCodeCheckChar } from "~/identity/credit-code";
import { User } from "~/identity/models.server";
import { getUser, requireRole, requireUser, startSession, toCurrentUser, type CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import { UserError } from "~/user-error";
import { freshDatabase, userNamed } from "../support/db";

beforeAll(freshDatabase);

const creditCode = (body17: string) => body17 + creditCodeCheckChar(body17);

/** A request carrying the session cookie that startSession issued. */
async function signedIn(userId: number, path = "/workbench"): Promise<Request> {
  const setCookie = await startSession(userId, "test");
  return new Request(`http://hall.test${path}`, { headers: { Cookie: setCookie.split(";")[0] } });
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => null, (e) => e);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${error}`);
  return error;
}

const lastAudit = async (entityKey: string) => AdminAudit.findOne({ where: { entityKey }, order: [["id", "DESC"]] });

describe("who may administer the county", () => {
  it("refuses every administration change to everyone but a center admin", async () => {
    for (const username of ["reviewer_scjg", "scjg_admin", "supervisor", "window01", "13912345678", "ziyang_tea"]) {
      const user = await userNamed(username);
      const calls: Array<Promise<unknown>> = [
        createOrgUnit(user, { code: "610924100299", name: "试点村", level: "village", parent: "610924100", hall: false }),
        updateOrgUnit(user, "610924100", { name: "改名镇", hall: true }),
        retireOrgUnit(user, "610924100201"),
        createDepartment(user, { code: "zz", name: "某局", abbreviation: "某", creditCode: creditCode("11610924MB2970000"), orgUnit: "610924" }),
        updateDepartment(user, "scjg", { name: "改名局", abbreviation: "改", creditCode: creditCode("11610924MB2970000"), orgUnit: "610924" }),
        createStaff(user, { username: "sneaky", name: "某人", department: "scjg", roles: ["center_admin"] }),
        updateStaff(user, "reviewer_scjg", { name: "李秀英", department: "scjg", roles: ["center_admin"] }),
        setStaffActive(user, "center", false),
        resetStaffPassword(user, "center"),
      ];
      for (const call of calls) expect((await refusal(call)).status).toBe(403);
    }
    expect(await User.findOne({ where: { username: "sneaky" } })).toBeNull();
    expect((await User.findOne({ where: { username: "reviewer_scjg" } }))?.roles).toEqual(["reviewer"]);
  });
});

describe("the org tree", () => {
  it("takes 12-digit codes under the county's prefix, each level under the one above", async () => {
    const center = await userNamed("center");
    const codeError = async (input: Parameters<typeof createOrgUnit>[1]) => (await refusal(createOrgUnit(center, input))).fieldErrors.map((e) => e.message).join(" ");
    expect(await codeError({ code: "61092410029", name: "短码村", level: "village", parent: "610924100", hall: false })).toMatch(/12 位/);
    expect(await codeError({ code: "610925120000", name: "外县镇", level: "town", parent: "610924", hall: false })).toMatch(/610924 开头/);
    expect(await codeError({ code: "610924101299", name: "错镇村", level: "village", parent: "610924100", hall: false })).toMatch(/610924100 开头/);
    expect(await codeError({ code: "610924100299", name: "村下村", level: "village", parent: "610924100201", hall: false })).toMatch(/之下只能是/);
    expect(await codeError({ code: "610924120000", name: "缺上级", level: "town", parent: null, hall: false })).toMatch(/上级区划/);
    expect(await codeError({ code: "610924000000", name: "另一个县", level: "county", parent: null, hall: true })).toMatch(/已有县级区划/);
    expect(await codeError({ code: "610924100201", name: "重复村", level: "village", parent: "610924100", hall: false })).toMatch(/已存在/);

    await createOrgUnit(center, { code: "610924120000", name: "新民镇", level: "town", parent: "610924", hall: true });
    await createOrgUnit(center, { code: "610924120201", name: "新民村", level: "village", parent: "610924120000", hall: false });
    const tree = await orgTree();
    const index = (code: string) => tree.findIndex((u) => u.code === code);
    expect(index("610924")).toBeLessThan(index("610924120000"));
    expect(index("610924120000")).toBeLessThan(index("610924120201"));
    expect(tree[index("610924120201")]).toMatchObject({ level: "village", parentCode: "610924120000", retired: false });
    expect(await lastAudit("610924120201")).toMatchObject({ actorName: center.name, action: "created", entity: "org_unit" });
  });

  it("renames with an audit entry, retires only what has no active children or departments, keeps history", async () => {
    const center = await userNamed("center");
    await updateOrgUnit(center, "610924120201", { name: "新民社区", hall: false });
    expect((await lastAudit("610924120201"))?.detail).toBe("名称：新民村 → 新民社区");

    expect((await refusal(retireOrgUnit(center, "610924120000"))).message).toMatch(/新民社区/);
    expect((await refusal(retireOrgUnit(center, "610924100"))).message).toMatch(/下级区划|部门/);
    expect((await refusal(retireOrgUnit(center, "610924"))).status).toBe(409);

    await retireOrgUnit(center, "610924120201");
    await retireOrgUnit(center, "610924120000");
    const tree = await orgTree();
    expect(tree.find((u) => u.code === "610924120201")).toMatchObject({ retired: true, name: "新民社区" });
    const child = await refusal(createOrgUnit(center, { code: "610924120202", name: "后来村", level: "village", parent: "610924120000", hall: false }));
    expect(child.fieldErrors[0].message).toMatch(/已撤销/);
    const department = await refusal(createDepartment(center, { code: "xmz", name: "新民镇人民政府", abbreviation: "新民", creditCode: creditCode("11610924MB2970001"), orgUnit: "610924120000" }));
    expect(department.fieldErrors.find((e) => e.path === "orgUnit")?.message).toMatch(/已撤销/);

    expect((await refusal(restoreOrgUnit(center, "610924120201"))).message).toMatch(/请先恢复上级/);
    await restoreOrgUnit(center, "610924120000");
    await restoreOrgUnit(center, "610924120201");
    expect((await orgTree()).find((u) => u.code === "610924120201")?.retired).toBe(false);
    expect((await lastAudit("610924120201"))?.action).toBe("restored");
  });
});

describe("departments", () => {
  it("checks the credit code's checksum, unique codes and names, and records what changed", async () => {
    const center = await userNamed("center");
    const fields = async (raw: Record<string, unknown>) => (await refusal(createDepartment(center, raw))).fieldErrors;
    const valid = { code: "tyj", name: "紫阳县统计局", abbreviation: "紫统", creditCode: creditCode("11610924MB2970002"), orgUnit: "610924", itemListCount: "8", consultPhone: "0915-4311111" };
    expect((await fields({ ...valid, creditCode: valid.creditCode.slice(0, 17) + (valid.creditCode[17] === "0" ? "1" : "0") })).map((e) => e.path)).toEqual(["creditCode"]);
    expect((await fields({ ...valid, code: "scjg" })).find((e) => e.path === "code")?.message).toMatch(/已被使用/);
    expect((await fields({ ...valid, name: "紫阳县市场监督管理局" })).find((e) => e.path === "name")).toBeDefined();
    expect((await fields({ ...valid, orgUnit: "610924999999" })).find((e) => e.path === "orgUnit")?.message).toMatch(/不存在/);
    expect((await fields({ ...valid, itemListCount: "很多" })).find((e) => e.path === "itemListCount")).toBeDefined();

    await createDepartment(center, valid);
    const saved = await Department.findOne({ where: { code: "tyj" } });
    expect(saved).toMatchObject({ itemListCount: 8, consultPhone: "0915-4311111", complaintPhone: null, abbreviation: "紫统" });
    await updateDepartment(center, "tyj", { ...valid, itemListCount: "10", complaintPhone: "0915-4312222" });
    expect((await lastAudit("tyj"))?.detail).toBe("事项清单事项数：8 → 10；投诉电话：（空） → 0915-4312222");
  });
});

describe("staff accounts", () => {
  it("opens an account with several roles and a temporary password that must be changed first", async () => {
    const center = await userNamed("center");
    const credential = await createStaff(center, { username: "tyj_li", name: "李明", mobile: "13600001111", department: "tyj", roles: ["reviewer", "dept_admin"] });
    const account = await User.findOne({ where: { username: "tyj_li" } });
    expect(account).toMatchObject({ role: "reviewer", roles: ["reviewer", "dept_admin"], mustChangePassword: true });
    expect((await authenticate("tyj_li", credential.password))?.id).toBe(account!.id);

    const request = await signedIn(account!.id, "/workbench");
    const redirect = await requireUser(request).then(() => null, (r: Response) => r);
    expect(redirect?.status).toBe(302);
    expect(redirect?.headers.get("Location")).toBe("/account/password");
    const onPasswordPage = new Request("http://hall.test/account/password", { headers: request.headers });
    expect((await requireUser(onPasswordPage)).mustChangePassword).toBe(true);

    expect(await changePassword(account!.id, credential.password, "Tongji2026")).toEqual([]);
    const user = await requireUser(request);
    expect(user.mustChangePassword).toBe(false);
    expect(user.roles).toEqual(["reviewer", "dept_admin"]);
    // Each role opens its own workspace; a role not held is refused.
    await expect(requireRole(request, ["dept_admin"])).resolves.toMatchObject({ username: "tyj_li" });
    await expect(requireRole(request, ["reviewer"])).resolves.toMatchObject({ username: "tyj_li" });
    await expect(requireRole(request, ["center_admin"]).catch((r: Response) => r.status)).resolves.toBe(403);
    expect(await lastAudit("tyj_li")).toMatchObject({ action: "created", actorName: center.name });
  });

  it("refuses department roles without a department, duplicate usernames and mobiles", async () => {
    const center = await userNamed("center");
    const paths = async (raw: Parameters<typeof createStaff>[1]) => (await refusal(createStaff(center, raw))).fieldErrors.map((e) => `${e.path}:${e.message}`);
    expect(await paths({ username: "lonely", name: "孤人", roles: ["window_clerk"] })).toEqual([expect.stringMatching(/^department:窗口工作人员须有所属部门/)]);
    expect(await paths({ username: "tyj_li", name: "李明", department: "tyj", roles: ["reviewer"] })).toEqual([expect.stringMatching(/^username:.*已被使用/)]);
    expect(await paths({ username: "other", name: "他人", mobile: "13912345678", department: "tyj", roles: ["reviewer"] })).toEqual([expect.stringMatching(/^mobile:/)]);
    expect(await paths({ username: "nobody", name: "无角", department: "tyj", roles: [] })).toEqual([expect.stringMatching(/^roles:/)]);
    expect(await paths({ username: "Bad Name", name: "x", department: "tyj", roles: ["reviewer"] })).toHaveLength(2);
    // A center admin or supervisor needs no department.
    await createStaff(center, { username: "jc_wang", name: "王监察", roles: ["supervisor"] });
    expect((await staffList({ q: "jc_wang" }))[0]).toMatchObject({ roleLabels: ["电子监察"], departmentName: null, active: true });
  });

  it("ends a disabled user's sessions at once and lets them in again when enabled", async () => {
    const center = await userNamed("center");
    const reviewer = await User.findOne({ where: { username: "reviewer_gaj" } });
    const request = await signedIn(reviewer!.id);
    expect((await getUser(request))?.username).toBe("reviewer_gaj");
    await setStaffActive(center, "reviewer_gaj", false);
    expect(await getUser(request)).toBeNull();
    expect(await authenticate("reviewer_gaj", "Ziyang2026")).toBeNull();
    expect((await lastAudit("reviewer_gaj"))?.action).toBe("disabled");
    await setStaffActive(center, "reviewer_gaj", true);
    expect((await authenticate("reviewer_gaj", "Ziyang2026"))?.username).toBe("reviewer_gaj");
    expect(await getUser(request)).toBeNull();
  });

  it("resets a password: the old one and every session end, the temporary one works once changed", async () => {
    const center = await userNamed("center");
    const reviewer = await User.findOne({ where: { username: "reviewer_swj" } });
    const request = await signedIn(reviewer!.id);
    const { password } = await resetStaffPassword(center, "reviewer_swj");
    expect(await getUser(request)).toBeNull();
    expect(await authenticate("reviewer_swj", "Ziyang2026")).toBeNull();
    expect((await authenticate("reviewer_swj", password))?.mustChangePassword).toBe(true);
    expect((await lastAudit("reviewer_swj"))?.action).toBe("password_reset");
  });

  it("ends the sessions of a user moved to another department, and records the change", async () => {
    const center = await userNamed("center");
    const reviewer = await User.findOne({ where: { username: "reviewer_rsj" } });
    const request = await signedIn(reviewer!.id);
    await updateStaff(center, "reviewer_rsj", { name: reviewer!.name, email: reviewer!.email, department: "mzj", roles: ["reviewer"] });
    expect(await getUser(request)).toBeNull();
    expect((await lastAudit("reviewer_rsj"))?.detail).toBe("所属部门：rsj → mzj");
    const moved = await toCurrentUser((await User.findByPk(reviewer!.id))!);
    expect(moved.departmentCode).toBe("mzj");
  });

  it("always keeps one active center admin", async () => {
    const center = await userNamed("center");
    const admins = await User.findAll({ where: { role: "center_admin", active: true } });
    expect(admins.map((a) => a.username)).toEqual(["center"]);
    expect((await refusal(setStaffActive(center, "center", false))).message).toMatch(/最后一个/);
    expect((await refusal(updateStaff(center, "center", { name: center.name, department: "xzsp", roles: ["supervisor"] }))).fieldErrors[0].message).toMatch(/最后一个/);

    const second = await createStaff(center, { username: "zx_second", name: "张二", department: "xzsp", roles: ["center_admin"] });
    expect(second.password).toBeTruthy();
    const secondUser: CurrentUser = await userNamed("zx_second");
    // Two admins disabling each other at the same moment: one of them must stay.
    const results = await Promise.allSettled([setStaffActive(center, "zx_second", false), setStaffActive(secondUser, "center", false)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(UserError);
    expect(await User.count({ where: { role: "center_admin", active: true } })).toBe(1);
  });
});

describe("the first admin from the command line", () => {
  it("checks the password and the username, and is recorded as made by the command line", async () => {
    expect((await refusal(createCenterAdmin({ username: "cli_admin", name: "命令行", password: "short" }))).fieldErrors[0].message).toMatch(/HALL_ADMIN_PASSWORD/);
    expect((await refusal(createCenterAdmin({ username: "center", name: "刘志华", password: "Strong2026x" }))).fieldErrors[0].message).toMatch(/已被使用/);
    const user = await createCenterAdmin({ username: "cli_admin", name: "命令行", password: "Strong2026x" });
    expect(user).toMatchObject({ role: "center_admin", roles: ["center_admin"], mustChangePassword: false, departmentId: null });
    expect(await lastAudit("cli_admin")).toMatchObject({ actorId: null, actorName: "命令行 create-admin", action: "created" });
    expect((await authenticate("cli_admin", "Strong2026x"))?.id).toBe(user.id);
  });
});
