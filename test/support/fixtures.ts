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
