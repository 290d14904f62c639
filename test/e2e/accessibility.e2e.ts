/** axe-core finds no serious or critical problem on the pages citizens use most, at phone width. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { hydrated, launchChromium, login } from "./browser";
import { startHall, type RunningHall } from "./server";

let hall: RunningHall;
let browser: Browser;

beforeAll(async () => {
  hall = await startHall("accessibility");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  const pages: Array<[string, string, boolean]> = [
    ["home", "/", false],
    ["search", "/search?q=gtgsh", false],
    ["guide", "/items/1", false],
    ["tracking", "/track", false],
    ["login", "/login", false],
    ["application form", "/items/2/apply", true],
  ];
  for (const [name, path, signedIn] of pages) {
    it(`${name} has no serious or critical violations`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
      const page = await context.newPage();
      if (signedIn) await login(page, hall.url, "13912345678");
      await page.goto(`${hall.url}${path}`);
      await hydrated(page);
      const violations = await seriousViolations(page);
      await context.close();
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    });
  }
});
