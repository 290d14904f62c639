import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { qualityIssues, type QualityContext } from "~/catalog/quality-rules";
import type { ItemVersionDocument } from "~/schemas/types.generated";

const SEEDS = path.resolve(__dirname, "../../seeds");

interface DepartmentSeed {
  code: string;
  creditCode: string;
}
interface ItemSeed {
  department: string;
  version: ItemVersionDocument;
}

const departments: DepartmentSeed[] = JSON.parse(readFileSync(path.join(SEEDS, "departments.json"), "utf8"));
const knownDepartments = new Set(departments.map((d) => d.code));

function loadItem(file: string): ItemSeed {
  return JSON.parse(readFileSync(path.join(SEEDS, "items", file), "utf8"));
}

function contextFor(departmentCode: string): QualityContext {
  const department = departments.find((d) => d.code === departmentCode);
  if (!department) throw new Error(`seed department ${departmentCode} missing`);
  return { departmentCode, departmentCreditCode: department.creditCode, knownDepartments };
}

const ENTERPRISE = loadItem("01-enterprise-opening.json");
const ENTERPRISE_CTX = contextFor(ENTERPRISE.department);

/** Issue paths of a deep copy of the 企业开办 seed after `mutate`. */
function pathsAfter(mutate: (doc: ItemVersionDocument) => void, ctx: QualityContext = ENTERPRISE_CTX): string[] {
  const doc = structuredClone(ENTERPRISE.version);
  mutate(doc);
  const issues = qualityIssues(doc, ctx);
  for (const issue of issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  return issues.map((i) => i.path);
}

type Steps = ItemVersionDocument["workflow"]["steps"];

function dropSteps(doc: ItemVersionDocument, ...steps: string[]): void {
  doc.workflow.steps = doc.workflow.steps.filter((s) => !steps.includes(s)) as Steps;
}

const FEE = { name: "登记费", standard: "每件80元", amount: 80, basis: "发改价格规〔2016〕2559号", waivable: false };

describe("qualityIssues on the 企业开办 seed", () => {
  it("the seed is the one the mutations assume", () => {
    const v = ENTERPRISE.version;
    expect(ENTERPRISE.department).toBe("scjg");
    expect(v.item.itemType).toBe("01");
    expect(v.item.onlineDepth).toBe("4");
    expect(v.item.caseType).toBe("2");
    expect(v.item.charged).toBe(false);
    expect(v.item.result.type).toBe("20");
    expect(v.form.kind).toBe("one_table");
    expect(v.form.sections?.map((s) => s.key)).toEqual(["registration", "seal", "invoice", "social_insurance"]);
    expect(v.workflow.coDepartments.map((c) => c.department)).toEqual(["gaj", "swj", "rsj"]);
    expect(v.templates.licence).toBeTruthy();
  });

  it("has no issues as seeded", () => {
    expect(qualityIssues(structuredClone(ENTERPRISE.version), ENTERPRISE_CTX)).toEqual([]);
  });

  it("does not modify the document it checks", () => {
    const doc = structuredClone(ENTERPRISE.version);
    doc.item.visitsRequired = 2;
    const before = structuredClone(doc);
    qualityIssues(doc, ENTERPRISE_CTX);
    expect(doc).toEqual(before);
  });

  const mutations: Array<[string, (doc: ItemVersionDocument) => void, string[]]> = [
    [
      "Ⅳ级 (全程网办) with a visit, even with a reason",
      (d) => {
        d.item.visitsRequired = 1;
        d.item.visitReason = "须现场核验身份";
      },
      ["item.visitsRequired"],
    ],
    [
      "a visit without a reason",
      (d) => {
        d.item.onlineDepth = "3";
        d.item.visitsRequired = 1;
        delete d.item.visitReason;
      },
      ["item.visitReason"],
    ],
    [
      "a visit with a blank reason",
      (d) => {
        d.item.onlineDepth = "3";
        d.item.visitsRequired = 2;
        d.item.visitReason = "   ";
      },
      ["item.visitReason"],
    ],
    [
      "Ⅳ级 with a visit and no reason reports both",
      (d) => {
        d.item.visitsRequired = 1;
        delete d.item.visitReason;
      },
      ["item.visitsRequired", "item.visitReason"],
    ],
    ["即办件 with a promised limit of 1 day", (d) => void (d.item.caseType = "1"), ["workflow.promisedDays"]],
    ["承诺件 with a promised limit of 0 (即办)", (d) => void (d.workflow.promisedDays = 0), ["item.caseType"]],
    [
      "charged without a fee basis",
      (d) => {
        d.item.charged = true;
        d.item.fees = [FEE];
        delete d.item.feeBasis;
      },
      ["item.feeBasis"],
    ],
    [
      "charged with a blank fee basis",
      (d) => {
        d.item.charged = true;
        d.item.fees = [FEE];
        d.item.feeBasis = "  ";
      },
      ["item.feeBasis"],
    ],
    [
      "charged without fee items",
      (d) => {
        d.item.charged = true;
        d.item.feeBasis = "发改价格规〔2016〕2559号";
        delete d.item.fees;
      },
      ["item.fees"],
    ],
    [
      "charged with an empty fee list",
      (d) => {
        d.item.charged = true;
        d.item.feeBasis = "发改价格规〔2016〕2559号";
        d.item.fees = [];
      },
      ["item.fees"],
    ],
    ["not charged but listing fees", (d) => void (d.item.fees = [FEE]), ["item.fees"]],
    ["the same consult and complaint phone", (d) => void (d.item.complaintPhone = d.item.consultPhone), ["item.complaintPhone"]],
    ["行政许可 without the 审查 step", (d) => dropSteps(d, "review"), ["workflow.steps"]],
    ["行政许可 without the 送达 step", (d) => dropSteps(d, "deliver"), ["workflow.steps"]],
    ["行政许可 without the 受理 step", (d) => dropSteps(d, "accept"), ["workflow.steps"]],
    ["行政许可 without the 决定 step", (d) => dropSteps(d, "decide"), ["workflow.steps"]],
    ["行政许可 without the 办结 step", (d) => dropSteps(d, "complete"), ["workflow.steps"]],
    [
      "an 实施编码 with a wrong last character",
      (d) => void (d.item.implementationCode = `${d.item.implementationCode.slice(0, 30)}9`),
      ["item.implementationCode"],
    ],
    ["an 实施编码 that does not match the level", (d) => void (d.item.level = "5"), ["item.implementationCode"]],
    ["an 实施编码 that does not match the base code", (d) => void (d.item.baseCode = "010117002000"), ["item.implementationCode"]],
    ["a promised limit beyond the legal limit", (d) => void (d.workflow.promisedDays = d.workflow.legalDays + 1), ["workflow.promisedDays"]],
    [
      "a lead department that is not the implementing department",
      (d) => {
        d.workflow.leadDepartment = "xzsp";
        d.form.sections![0].department = "xzsp";
      },
      ["workflow.leadDepartment"],
    ],
    [
      "an unknown co-department",
      (d) => {
        d.workflow.coDepartments[0].department = "nosuch";
        d.form.sections![1].department = "nosuch";
      },
      ["workflow.coDepartments.0.department"],
    ],
    [
      "the lead department as co-department",
      (d) => {
        d.workflow.coDepartments[1].department = "scjg";
        d.form.sections![2].department = "scjg";
      },
      ["workflow.coDepartments.1.department"],
    ],
    [
      "a co-department section that does not exist",
      (d) => void (d.workflow.coDepartments[2].section = "nosuch"),
      ["workflow.coDepartments.2.section"],
    ],
    [
      "the same co-department twice",
      (d) => void d.workflow.coDepartments.push({ department: "gaj", task: "印章刻制备案（重复）" }),
      ["workflow.coDepartments"],
    ],
    ["co-departments without a reply limit", (d) => void delete d.workflow.coReviewDays, ["workflow.coReviewDays"]],
    ["co-departments with a reply limit of 0", (d) => void (d.workflow.coReviewDays = 0), ["workflow.coReviewDays"]],
    ["a required field that is not a property", (d) => void d.form.schema.required!.push("ghostField"), ["form.schema.required"]],
    ["a section field that is not a property", (d) => void d.form.sections![1].fields.push("ghostField"), ["form.sections.1.fields"]],
    ["a field in two sections", (d) => void d.form.sections![3].fields.push("companyName"), ["form.sections.3.fields"]],
    [
      "a section of a department that does not review",
      (d) => void (d.form.sections![2].department = "mzj"),
      ["workflow.coDepartments.1.section", "form.sections.2.department"],
    ],
    [
      "a co-department pointing at another department's section",
      (d) => void (d.workflow.coDepartments[0].section = "invoice"),
      ["workflow.coDepartments.0.section"],
    ],
    [
      "two sections with the same key",
      (d) => void (d.form.sections![3].key = "invoice"),
      ["workflow.coDepartments.2.section", "form.sections"],
    ],
    [
      "a one-table field in no section",
      (d) => void (d.form.sections![2].fields = d.form.sections![2].fields.filter((f) => f !== "invoiceMonthlyQuantity") as [string, ...string[]]),
      ["form.sections"],
    ],
    ["a licence holder field that is not in the form", (d) => void (d.templates.licence!.holderField = "nosuch"), ["templates.licence.holderField"]],
    ["consult and complaint phones that differ only in separators", (d) => void (d.item.complaintPhone = d.item.consultPhone.replace("-", "")), ["item.complaintPhone"]],
    [
      "a one-table form without sections",
      (d) => {
        delete d.form.sections;
        for (const co of d.workflow.coDepartments) delete co.section;
      },
      ["form.sections"],
    ],
    [
      "a one-table form with an empty section list",
      (d) => {
        d.form.sections = [];
        for (const co of d.workflow.coDepartments) delete co.section;
      },
      ["form.sections"],
    ],
    ["a prefill binding to a missing field", (d) => void (d.form.prefill![1].field = "ghostField"), ["form.prefill.1.field"]],
    ["two materials with the same key", (d) => void (d.materials[3].key = d.materials[0].key), ["materials"]],
    ["a licence template on a 批文批复 result", (d) => void (d.item.result.type = "10"), ["templates.licence"]],
    ["a licence template on an 其他 result", (d) => void (d.item.result.type = "99"), ["templates.licence"]],
  ];

  it.each(mutations)("reports %s", (_name, mutate, expected) => {
    expect(pathsAfter(mutate)).toEqual(expected);
  });

  it("names the missing 行政许可 steps in the message", () => {
    const doc = structuredClone(ENTERPRISE.version);
    dropSteps(doc, "review", "deliver");
    const issues = qualityIssues(doc, ENTERPRISE_CTX);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain("审查");
    expect(issues[0].message).toContain("送达");
    expect(issues[0].message).not.toContain("受理、");
  });

  it("does not require the 行政许可 steps of other item types", () => {
    expect(
      pathsAfter((d) => {
        d.item.itemType = "07";
        d.workflow.steps = ["accept", "complete"];
      }),
    ).toEqual([]);
  });

  it("checks the 实施编码 against the implementing department's credit code", () => {
    const other = departments.find((d) => d.code === "wsjk")!;
    expect(pathsAfter(() => {}, { ...ENTERPRISE_CTX, departmentCreditCode: other.creditCode })).toEqual(["item.implementationCode"]);
    const issue = qualityIssues(structuredClone(ENTERPRISE.version), { ...ENTERPRISE_CTX, departmentCreditCode: other.creditCode })[0];
    expect(issue.message).toContain(`${other.creditCode}4010117001000`);
  });

  it("a promised limit equal to the legal limit is fine", () => {
    expect(pathsAfter((d) => void (d.workflow.promisedDays = d.workflow.legalDays))).toEqual([]);
  });

  it("a fee-charging item with basis and fees is fine", () => {
    expect(
      pathsAfter((d) => {
        d.item.charged = true;
        d.item.feeBasis = "发改价格规〔2016〕2559号";
        d.item.fees = [FEE];
      }),
    ).toEqual([]);
  });

  it("an 即办件 promising 0 days is fine", () => {
    expect(
      pathsAfter((d) => {
        d.item.caseType = "1";
        d.workflow.promisedDays = 0;
      }),
    ).toEqual([]);
  });
});

describe("every seeded item", () => {
  const files = readdirSync(path.join(SEEDS, "items")).filter((f) => f.endsWith(".json")).sort();

  it("there are seeded items", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)("%s has no quality issues", (file) => {
    const seed = loadItem(file);
    expect(knownDepartments.has(seed.department)).toBe(true);
    expect(qualityIssues(seed.version, contextFor(seed.department))).toEqual([]);
  });
});
