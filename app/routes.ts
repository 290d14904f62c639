import { index, prefix, route, type RouteConfig } from "@remix-run/route-config";

export default [
  // Portal (citizens and enterprises)
  index("routes/portal/home.tsx"),
  route("search", "routes/portal/search.tsx"),
  route("halls/:code", "routes/portal/hall.tsx"),
  route("items/:itemId", "routes/portal/item.tsx"),
  route("items/:itemId/apply", "routes/portal/apply.tsx"),
  route("items/:itemId/blank-form", "routes/portal/blank-form.tsx"),
  route("items/:itemId/draft", "routes/portal/draft.ts"),
  route("forms/:versionId/validator.js", "routes/forms/validator.ts"),
  route("my/cases", "routes/portal/my-cases.tsx"),
  route("my/cases/:caseId", "routes/portal/my-case.tsx"),
  route("my/cases/:caseId/supplement", "routes/portal/supplement.tsx"),
  route("my/cases/:caseId/pay", "routes/portal/pay.tsx"),
  route("pay/mock/:orderId", "routes/payments/mock-cashier.tsx"),
  route("payments/callback/:provider", "routes/payments/callback.ts"),
  route("my/licences", "routes/portal/my-licences.tsx"),
  route("my/profile", "routes/portal/profile.tsx"),
  route("licences/verify", "routes/portal/verify-licence.tsx"),
  route("track", "routes/portal/track.tsx"),
  // Auth (one login for every role)
  route("login", "routes/auth/login.tsx"),
  route("register", "routes/auth/register.tsx"),
  route("logout", "routes/auth/logout.tsx"),
  // Reviewers
  ...prefix("workbench", [index("routes/workbench/queue.tsx"), route("cases/:caseId", "routes/workbench/case.tsx")]),
  route("workbench/follow-ups", "routes/workbench/follow-ups.tsx"),
  route("workbench/questions", "routes/workbench/questions.tsx"),
  // Department staff, center, supervision
  route("studio", "routes/studio/home.tsx"),
  route("studio/drafts/:draftId", "routes/studio/draft.tsx"),
  route("center/publications", "routes/center/publications.tsx"),
  route("center/publications/:draftId", "routes/center/publication.tsx"),
  route("center", "routes/center/home.tsx"),
  route("center/calendar", "routes/center/calendar.tsx"),
  route("center/outbox", "routes/center/outbox.tsx"),
  route("center/questions", "routes/center/questions.tsx"),
  route("supervision", "routes/supervision/home.tsx"),
  route("supervision/ratings", "routes/supervision/ratings.tsx"),
  route("supervision/export", "routes/supervision/export.ts"),
  route("supervision/departments/:code", "routes/supervision/department.tsx"),
  route("supervision/departments/:code/report", "routes/supervision/report.ts"),
  route("supervision/cases/:caseId", "routes/supervision/case.tsx"),
  // Window staff of the 政务服务中心 (窗口收件)
  route("window", "routes/window/home.tsx"),
  route("window/items/:itemId", "routes/window/intake.tsx"),
  route("window/receipts/:caseId", "routes/window/receipt.ts"),
  // Printable documents and health
  route("documents/:documentId", "routes/documents/document.tsx"),
  route("materials/:materialId", "routes/materials/file.tsx"),
  route("healthz", "routes/healthz.ts"),
  // JSON API for apps
  ...prefix("api/v1", [
    route("openapi.json", "routes/api/openapi.ts"),
    route("items", "routes/api/items.ts"),
    route("items/:itemId", "routes/api/item.ts"),
    route("search", "routes/api/search.ts"),
    route("my/cases", "routes/api/my-cases.ts"),
    route("track", "routes/api/track.ts"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
