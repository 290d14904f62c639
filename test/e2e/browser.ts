import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const SCREENSHOT_DIR = path.resolve("test-results", "e2e");

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Remix hydrates after the HTML arrives; clicks before that would be plain HTML navigations. A page that is
 * deliberately not hydrated (`<html data-hydrate="false">`, routes with `handle = { hydrate: false }`) is
 * ready as soon as its HTML is.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrate === "false" ||
      (window as unknown as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export async function login(page: Page, base: string, username: string, password = "Ziyang2026"): Promise<void> {
  await page.goto(`${base}/login`);
  await hydrated(page);
  await page.getByLabel("账号或手机号码").fill(username);
  await page.getByLabel("密码").fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "登录" }).click()]);
}
