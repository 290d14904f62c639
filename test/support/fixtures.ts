import { randomBytes } from "node:crypto";

export const ENTERPRISE_OPENING = "企业开办（一表式并联办理）";

export const newKey = () => randomBytes(16).toString("hex");

/** A complete, valid 企业开办 one-table application. */
export function enterpriseOpeningData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    companyName: "紫阳县汉水富硒茶业有限公司",
    companyType: "有限责任公司（自然人独资）",
    registeredCapital: 50,
    businessScope: "一般项目：茶叶种植；初级农产品收购",
    address: "紫阳县城关镇新桥社区紫府路18号",
    legalRepresentative: { name: "张三", idCard: "61092419900315123X", mobile: "13912345678" },
    shareholders: [{ name: "张三", idType: "居民身份证", idNumber: "61092419900315123X", subscribedCapital: 50, contributionForm: "货币" }],
    applicantName: "张三",
    mobile: "13912345678",
    sealTypes: ["企业公章", "财务专用章"],
    sealCompany: "紫阳县汉江印章刻制有限公司",
    invoiceType: "数电发票（普通发票）",
    invoiceMonthlyQuantity: 25,
    invoiceContact: { name: "李四", mobile: "13800001111" },
    employeeCount: 5,
    socialInsuranceContact: { name: "王五", mobile: "13700002222" },
    ...overrides,
  };
}

export type JsonNode = {
  type?: string | string[];
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  uniqueItems?: boolean;
};

/** Sample values for the patterns the demo forms use. */
const PATTERN_SAMPLES = ["61092419900315123X", "13912345678", "91610924MA70A1B2C0", "6217000123456789012", "2026-610924-47-03-000123"];

/**
 * A valid instance of a form schema: every required field (recursively) filled with the first enum value, a
 * sample matching its pattern, a date, or a string/number within its limits. Test data for any seeded item.
 */
export function sampleFor(node: JsonNode): unknown {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (node.enum) return node.enum[0];
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of node.required ?? []) out[key] = sampleFor(node.properties![key]);
      return out;
    }
    case "array": {
      const count = Math.max(1, node.minItems ?? 0);
      if (node.items?.enum) return node.items.enum.slice(0, count);
      return Array.from({ length: count }, () => sampleFor(node.items ?? {}));
    }
    case "number":
    case "integer":
      return Math.max(node.minimum ?? 1, 1);
    case "boolean":
      return true;
    default: {
      if (node.format === "date") return "2026-11-26";
      if (node.pattern) {
        const re = new RegExp(node.pattern);
        const match = PATTERN_SAMPLES.find((s) => re.test(s));
        if (!match) throw new Error(`no sample for pattern ${node.pattern}`);
        return match;
      }
      const min = Math.max(node.minLength ?? 2, 2);
      return "紫阳县测试内容示例文字填写".repeat(4).slice(0, Math.min(Math.max(min, 6), node.maxLength ?? 50));
    }
  }
}

/** A tiny but real PDF, for material uploads. */
export const TINY_PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
