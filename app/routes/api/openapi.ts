/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of the JSON API for native apps. */
const hit = {
  type: "object",
  properties: {
    id: { type: "integer" },
    name: { type: "string" },
    highlight: { type: "array", items: { type: "object", properties: { text: { type: "string" }, match: { type: "boolean" } } } },
  },
};

const caseSummary = {
  type: "object",
  properties: {
    id: { type: "integer" },
    trackingNumber: { type: "string", description: "办件编号：实施编码 + yyyyMMdd + 4 位序号" },
    shortNumber: { type: "string", description: "查询码" },
    itemName: { type: "string" },
    stateLabel: { type: "string" },
    submittedAt: { type: "string" },
    dueDate: { type: "string", format: "date" },
    light: { type: "string", enum: ["green", "yellow", "red", "paused", "none"] },
  },
};

const error = { type: "object", properties: { error: { type: "string", description: "中文错误说明" } } };
const json = (schema: object) => ({ "application/json": { schema } });

export const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "紫阳县网上办事大厅 API", version: "1.0.0", description: "事项目录、检索、办事指南、我的办件和办件查询。文字均为简体中文。" },
  servers: [{ url: "/api/v1" }],
  paths: {
    "/items": {
      get: {
        summary: "事项目录",
        parameters: [
          { name: "audience", in: "query", schema: { type: "string", enum: ["personal", "legal"] }, description: "个人办事 / 法人办事" },
          { name: "theme", in: "query", schema: { type: "string" }, description: "主题，如 设立变更" },
          { name: "department", in: "query", schema: { type: "string" }, description: "部门代码，如 scjg" },
          { name: "depth", in: "query", schema: { type: "string", enum: ["full"] }, description: "只看全程网办" },
          { name: "visits", in: "query", schema: { type: "string", enum: ["zero", "once"] }, description: "零跑腿 / 最多跑一次" },
        ],
        responses: { "200": { description: "已发布的事项", content: json({ type: "object", properties: { items: { type: "array", items: { type: "object" } } } }) } },
      },
    },
    "/items/{itemId}": {
      get: {
        summary: "办事指南",
        parameters: [{ name: "itemId", in: "path", required: true, schema: { type: "integer" } }],
        responses: {
          "200": { description: "已发布版本的全部指南要素（见 schemas/service-item.schema.json、material.schema.json）", content: json({ type: "object" }) },
          "404": { description: "不存在或未发布", content: json(error) },
        },
      },
    },
    "/search": {
      get: {
        summary: "事项检索（汉字、全拼、拼音首字母）",
        parameters: [
          { name: "q", in: "query", required: true, schema: { type: "string", maxLength: 50 } },
          { name: "suggest", in: "query", schema: { type: "string", enum: ["1"] }, description: "输入提示：只返回前几条" },
        ],
        responses: { "200": { description: "按相关度排序", content: json({ type: "object", properties: { query: { type: "string" }, results: { type: "array", items: hit } } }) } },
      },
    },
    "/my/cases": {
      get: {
        summary: "我的办件（需登录）",
        security: [{ session: [] }],
        responses: {
          "200": { description: "本人的办件", content: json({ type: "object", properties: { cases: { type: "array", items: caseSummary } } }) },
          "401": { description: "未登录", content: json(error) },
        },
      },
    },
    "/track": {
      post: {
        summary: "办件进度查询（无需登录）",
        requestBody: {
          required: true,
          content: json({ type: "object", required: ["tracking", "mobile"], properties: { tracking: { type: "string", description: "办件编号或查询码" }, mobile: { type: "string" } } }),
        },
        responses: {
          "200": { description: "办件状态与环节", content: json({ type: "object" }) },
          "404": { description: "未查到（编号或手机号不匹配，不区分）", content: json(error) },
          "429": { description: "查询过于频繁", content: json(error) },
        },
      },
    },
    "/regions": {
      get: {
        summary: "地址选项：省 → 市 → 县（区）→ 乡镇（街道）",
        responses: {
          "200": {
            description: "本县所在省、市，本县及其乡镇",
            content: json({ type: "object", additionalProperties: { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } } }),
          },
        },
      },
    },
    "/regions/villages": {
      get: {
        summary: "地址选项：各乡镇（街道）的村（社区）",
        responses: {
          "200": {
            description: "以乡镇名称为键的村（社区）名称列表；未设村级区划的乡镇不出现",
            content: json({ type: "object", additionalProperties: { type: "array", items: { type: "string" } } }),
          },
        },
      },
    },
  },
  components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "hall_session" } } },
} as const;

export async function loader() {
  return Response.json(OPENAPI, { headers: { "Cache-Control": "public, max-age=3600" } });
}
