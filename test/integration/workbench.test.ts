import { beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { CaseEvent, ReviewTask } from "~/cases/models.server";
import { submitApplication } from "~/cases/submit.server";
import { assignTask, claimTasks, departmentQueue, parseQueueFilter, queueCounts, PAGE_SIZE } from "~/cases/workbench.server";
import type { CurrentUser } from "~/identity/session.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

type Staff = CurrentUser & { departmentId: number };
let citizen: CurrentUser;
let lead: Staff;
let lead2: Staff;
let police: Staff;
const ids: number[] = [];
const THURSDAY = new Date("2026-11-26T02:00:00Z");

beforeAll(async () => {
  await freshDatabase();
  citizen = await userNamed("13912345678");
  [lead, lead2, police] = (await Promise.all(["reviewer_scjg", "reviewer_scjg2", "reviewer_gaj"].map(userNamed))) as Staff[];
  const item = await itemByName(ENTERPRISE_OPENING);
  // 25 applications: 22 stay waiting for acceptance, 3 are accepted (tasks for 公安局).
  for (let i = 0; i < 25; i++) {
    const name = i === 7 ? "欧阳明" : "张三";
    const result = await submitApplication({
      user: citizen,
      itemId: item.id,
      versionId: item.publishedVersionId!,
      formData: enterpriseOpeningData({ applicantName: name }),
      submissionKey: newKey(),
      now: THURSDAY,
    });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    ids.push(result.case.id);
  }
  for (const id of ids.slice(22)) await actOnCase(lead, id, { type: "accept" }, THURSDAY);
});

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CaseActionError);
  return (error as CaseActionError).message;
}

describe("the department queue", () => {
  it("counts cases per queue and pages through them in due-date order", async () => {
    const counts = await queueCounts(lead);
    expect(counts).toMatchObject({ accept: 22, review: 3, lead: 0, paused: 0, done: 0 });
    expect((await queueCounts(police)).review).toBe(3);
    const first = await departmentQueue(lead, { queue: "accept" }, THURSDAY);
    const second = await departmentQueue(lead, { queue: "accept", page: 2 }, THURSDAY);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(second.rows).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(22);
  });

  it("filters by applicant, tracking number, item and due date", async () => {
    const byName = await departmentQueue(lead, { queue: "accept", q: "欧阳" }, THURSDAY);
    expect(byName.rows.map((r) => r.id)).toEqual([ids[7]]);
    const target = (await departmentQueue(lead, { queue: "accept" }, THURSDAY)).rows[3];
    const byShort = await departmentQueue(lead, { queue: "accept", q: target.shortNumber }, THURSDAY);
    expect(byShort.rows.map((r) => r.id)).toEqual([target.id]);
    const other = await itemByName("个体工商户设立登记");
    expect((await departmentQueue(lead, { queue: "accept", itemId: other.id }, THURSDAY)).rows).toEqual([]);
    // Due Friday 11-27 (promised 1 working day): soon on Thursday, overdue the next Monday.
    expect((await departmentQueue(lead, { queue: "accept", due: "soon" }, THURSDAY)).rows).toHaveLength(PAGE_SIZE);
    expect((await departmentQueue(lead, { queue: "accept", due: "overdue" }, THURSDAY)).rows).toHaveLength(0);
    expect((await departmentQueue(lead, { queue: "accept", due: "overdue" }, new Date("2026-11-30T02:00:00Z"))).rows).toHaveLength(PAGE_SIZE);
  });

  it("parses untrusted query strings into a safe filter", () => {
    expect(parseQueueFilter(new URLSearchParams("queue=drop&due=x&item=-3&page=abc"))).toEqual({
      queue: "accept", due: undefined, itemId: undefined, q: undefined, mine: false, page: 1,
    });
    expect(parseQueueFilter(new URLSearchParams("queue=review&due=soon&item=4&q=%20张%20&mine=1&page=2"))).toMatchObject({
      queue: "review", due: "soon", itemId: 4, q: "张", mine: true, page: 2,
    });
  });
});

describe("claiming and assigning", () => {
  it("lets one reviewer claim a task, refuses a second claim, and assigns only within the department", async () => {
    const [task] = await ReviewTask.findAll({ where: { caseId: ids[22], departmentId: lead.departmentId } });
    await assignTask(lead, task.id, lead.id);
    expect(await refused(assignTask(lead2, task.id, lead2.id))).toBe("该任务已被本部门其他人员认领");
    await assignTask(lead, task.id, lead2.id);
    expect((await ReviewTask.findByPk(task.id))!.assigneeId).toBe(lead2.id);
    expect(await refused(assignTask(lead, task.id, police.id))).toBe("只能指派给本部门的审批人员");
    expect(await refused(assignTask(police, task.id, police.id))).toBe("审查任务不存在或不属于本部门");
    expect(await CaseEvent.count({ where: { caseId: ids[22], type: ["claim", "assign"] } })).toBe(2);
    const mine = await departmentQueue(lead2, { queue: "review", mine: true }, THURSDAY);
    expect(mine.rows.map((r) => r.taskId)).toEqual([task.id]);
    expect(mine.rows[0].assignee).toBe("冯立新");
  });

  it("bulk-claims only the tasks nobody holds", async () => {
    const tasks = await ReviewTask.findAll({ where: { departmentId: police.departmentId, state: "pending" }, order: [["id", "ASC"]] });
    await assignTask(police, tasks[0].id, police.id);
    expect(await claimTasks(police, tasks.map((t) => t.id))).toBe(tasks.length - 1);
    expect(await ReviewTask.count({ where: { departmentId: police.departmentId, assigneeId: police.id } })).toBe(tasks.length);
  });
});
