import { beforeAll, describe, expect, it } from "vitest";
import { halls } from "~/catalog/service.server";
import { createOrgUnit, retireOrgUnit, restoreOrgUnit } from "~/center/org-tree.server";
import { regionTree, villageChoices } from "~/org/regions.server";
import { freshDatabase, userNamed } from "../support/db";

beforeAll(freshDatabase);

describe("villages and retired units in what citizens choose", () => {
  it("offers each town's villages as the address's fifth level, and a new village at once", async () => {
    const before = await villageChoices();
    expect(before["城关镇"]).toContain("新桥社区");
    expect(before["城关镇"]).toContain("城关村");
    const center = await userNamed("center");
    await createOrgUnit(center, { code: "610924101299", name: "新华村", level: "village", parent: "610924101", hall: false });
    expect((await villageChoices())["蒿坪镇"]).toEqual(["蒿坪社区", "金石村", "双星村", "新华村"]);
  });

  it("leaves a retired unit out of the address choices and the branch halls, and brings it back on restore", async () => {
    const center = await userNamed("center");
    await createOrgUnit(center, { code: "610924130000", name: "测试镇", level: "town", parent: "610924", hall: true });
    const towns = async () => Object.values(Object.values((await regionTree())["陕西省"])[0])[0];
    expect(await towns()).toContain("测试镇");
    expect((await halls()).map((h) => h.name)).toContain("测试镇");
    await retireOrgUnit(center, "610924130000");
    expect(await towns()).not.toContain("测试镇");
    expect((await halls()).map((h) => h.name)).not.toContain("测试镇");
    await restoreOrgUnit(center, "610924130000");
    expect(await towns()).toContain("测试镇");
  });
});
