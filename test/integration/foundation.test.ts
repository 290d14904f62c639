import { beforeAll, describe, expect, it } from "vitest";
import { CalendarDay } from "~/calendar/models.server";
import { FormDefinitionRow, ItemVersion, ServiceItem, WorkflowRow } from "~/catalog/models.server";
import { InvalidConfigurationError, publishVersion, versionDocumentErrors } from "~/catalog/service.server";
import { migrate } from "~/db/migrate.server";
import { User } from "~/identity/models.server";
import { Department, OrgUnit } from "~/org/models.server";
import { seedDemoCounty } from "~/seed/seed.server";
import { loader as healthz } from "~/routes/healthz";
import { freshDatabase } from "../support/db";

describe("migrations and demo county seeds", () => {
  let first: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    first = await freshDatabase();
  });

  it("seeds the county, its 17 towns, departments, accounts for every role and at least 12 items", async () => {
    expect(first.items).toBeGreaterThanOrEqual(12);
    expect(await OrgUnit.count({ where: { level: "town" } })).toBe(17);
    expect(await OrgUnit.count({ where: { level: "village" } })).toBeGreaterThan(0);
    expect(await Department.count()).toBeGreaterThanOrEqual(12);
    const roles = new Set((await User.findAll()).map((u) => u.role));
    expect([...roles].sort()).toEqual(["center_admin", "citizen", "dept_admin", "enterprise", "reviewer", "supervisor", "window_clerk"]);
    const reviewerDepartments = new Set((await User.findAll({ where: { role: "reviewer" } })).map((u) => u.departmentId));
    expect(reviewerDepartments.size).toBeGreaterThanOrEqual(4);
  });

  it("is idempotent: migrating and seeding again adds nothing", async () => {
    const before = { items: await ServiceItem.count(), versions: await ItemVersion.count(), users: await User.count(), days: await CalendarDay.count() };
    expect(await migrate()).toEqual([]);
    const again = await seedDemoCounty([2026, 2027]);
    expect(again).toEqual({ orgUnits: 0, departments: 0, accounts: 0, items: 0, calendarDays: 0 });
    expect({ items: await ServiceItem.count(), versions: await ItemVersion.count(), users: await User.count(), days: await CalendarDay.count() }).toEqual(before);
  });

  it("stores every published version so that it validates against schemas/ and the quality rules", async () => {
    for (const item of await ServiceItem.findAll()) {
      const version = (await ItemVersion.findByPk(item.publishedVersionId!))!;
      const form = (await FormDefinitionRow.findOne({ where: { itemVersionId: version.id } }))!;
      const workflow = (await WorkflowRow.findOne({ where: { itemVersionId: version.id } }))!;
      const department = (await Department.findByPk(item.departmentId))!;
      const doc = {
        item: version.guide,
        materials: version.materials,
        form: { kind: form.kind, schema: form.jsonSchema, uiSchema: form.uiSchema, sections: form.sections, prefill: form.prefill },
        workflow: workflow.definition,
        templates: { documents: [], ...(version.licence ? { licence: version.licence } : {}) },
      };
      expect(await versionDocumentErrors(doc, department.code), item.name).toEqual([]);
    }
  });

  it("has the required kinds of items: one-table parallel 企业开办, a town item and an immediate item", async () => {
    const versions = await ItemVersion.findAll({ where: { status: "published" } });
    const workflows = await WorkflowRow.findAll();
    const opening = versions.find((v) => v.guide.name.startsWith("企业开办"))!;
    const flow = workflows.find((w) => w.itemVersionId === opening.id)!.definition;
    expect(flow.leadDepartment).toBe("scjg");
    expect(flow.coDepartments.map((c) => c.department).sort()).toEqual(["gaj", "rsj", "swj"]);
    expect(versions.some((v) => v.guide.caseType === "1")).toBe(true);
    const towns = new Set((await OrgUnit.findAll({ where: { level: "town" } })).map((o) => o.id));
    expect((await ServiceItem.findAll()).some((i) => towns.has(i.orgUnitId))).toBe(true);
  });

  it("rejects a seed document that breaks a quality rule, with a Chinese message on the field", async () => {
    const version = (await ItemVersion.findOne({ where: { status: "published" } }))!;
    const item = (await ServiceItem.findByPk(version.itemId))!;
    const form = (await FormDefinitionRow.findOne({ where: { itemVersionId: version.id } }))!;
    const workflow = (await WorkflowRow.findOne({ where: { itemVersionId: version.id } }))!;
    const department = (await Department.findByPk(item.departmentId))!;
    const doc = {
      item: { ...version.guide, complaintPhone: version.guide.consultPhone },
      materials: version.materials,
      form: { kind: form.kind, schema: form.jsonSchema, uiSchema: form.uiSchema, sections: form.sections, prefill: form.prefill },
      workflow: workflow.definition,
      templates: { documents: [] },
    };
    const errors = await versionDocumentErrors(doc, department.code);
    expect(errors).toContainEqual({ path: "item.complaintPhone", message: "监督投诉电话不能与咨询电话相同" });
    const schemaErrors = await versionDocumentErrors({ ...doc, item: { ...doc.item, baseCode: "abc" } }, department.code);
    expect(schemaErrors.some((e) => e.path === "item.baseCode")).toBe(true);

    const versions = await ItemVersion.count();
    const failure = await publishVersion(doc, { departmentCode: department.code }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InvalidConfigurationError);
    expect(await ItemVersion.count()).toBe(versions);
  });

  it("seeds statutory holidays and make-up working days of 2026 into the calendar", async () => {
    expect((await CalendarDay.findByPk("2026-10-01"))?.kind).toBe("holiday");
    expect((await CalendarDay.findByPk("2026-02-14"))?.kind).toBe("workday");
  });

  it("answers /healthz with 200 and the dialect while the database answers", async () => {
    const response = (await healthz()) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("catalog search over the demo county", () => {
  it("finds 个体工商户设立登记 first for gtgsh, and rebuilds the index when the catalog changes", async () => {
    const { searchCatalog } = await import("~/catalog/search.server");
    expect((await searchCatalog("gtgsh"))[0]?.name).toBe("个体工商户设立登记");
    expect((await searchCatalog("企业开办"))[0]?.name).toBe("企业开办（一表式并联办理）");
    const item = (await ServiceItem.findOne({ where: { name: "个体工商户设立登记" } }))!;
    const published = item.publishedVersionId;
    // The catalog's signature is trusted for a second: a change shows in search after at most that long.
    const afterASecond = () => new Promise((r) => setTimeout(r, 1_100));
    await item.update({ publishedVersionId: null });
    await afterASecond();
    expect((await searchCatalog("gtgsh")).map((h) => h.name)).not.toContain("个体工商户设立登记");
    await item.update({ publishedVersionId: published });
    await afterASecond();
    expect((await searchCatalog("gtgsh"))[0]?.name).toBe("个体工商户设立登记");
  });
});

describe("branch halls", () => {
  it("lists a town's own items on its branch hall page and 404s for unknown halls", async () => {
    const { loader } = await import("~/routes/portal/hall");
    const page = (await loader({ request: new Request("http://hall.test/halls/610924100"), params: { code: "610924100" }, context: {} })) as {
      hall: { name: string };
      entries: Array<{ name: string; orgUnitName: string }>;
    };
    expect(page.hall.name).toBe("城关镇");
    expect(page.entries.map((e) => e.name)).toEqual(["80周岁以上高龄老人生活补贴申领"]);
    const missing = await loader({ request: new Request("http://hall.test/halls/1"), params: { code: "1" }, context: {} }).then(() => null, (e: unknown) => e);
    expect((missing as Response).status).toBe(404);
  });
});
