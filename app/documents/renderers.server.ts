import fs from "node:fs";
import type { Browser } from "playwright-core";
import { config } from "~/config.server";

/** Turns an issued document's HTML into a deliverable format. Registered by format name. */
export interface DocumentRenderer {
  format: string;
  contentType: string;
  /** False when this machine lacks what the renderer needs (for PDF: a Chromium binary). */
  available(): boolean;
  render(html: string): Promise<Buffer>;
}

const htmlRenderer: DocumentRenderer = {
  format: "html",
  contentType: "text/html; charset=utf-8",
  available: () => true,
  render: async (html) => Buffer.from(html, "utf8"),
};

const CHROMIUM = config().chromiumPath;
let browser: Promise<Browser> | null = null;

/** One headless Chromium per process, started on first use; offline, no sandbox (runs as a service user). */
async function sharedBrowser(): Promise<Browser> {
  browser ??= import("playwright-core").then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }),
  );
  const instance = await browser;
  if (!instance.isConnected()) {
    browser = null;
    return sharedBrowser();
  }
  return instance;
}

const pdfRenderer: DocumentRenderer = {
  format: "pdf",
  contentType: "application/pdf",
  available: () => fs.existsSync(CHROMIUM),
  async render(html) {
    const context = await (await sharedBrowser()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load" });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  },
};

const RENDERERS = new Map<string, DocumentRenderer>([htmlRenderer, pdfRenderer].map((r) => [r.format, r]));

export function documentRenderer(format: string): DocumentRenderer | null {
  return RENDERERS.get(format) ?? null;
}

export function registerDocumentRenderer(renderer: DocumentRenderer): void {
  RENDERERS.set(renderer.format, renderer);
}

/** Closes the shared Chromium, if one was started (shutdown). */
export async function closeDocumentRenderers(): Promise<void> {
  const running = browser;
  browser = null;
  if (running) await (await running).close();
}

/**
 * The renderer a request asks for (`?format=html|pdf`, HTML by default), or the Chinese 400/503 response to
 * throw; `printable` names the document for the "print the web version" hint.
 */
export function requestedRenderer(request: Request, printable: string): DocumentRenderer {
  const format = new URL(request.url).searchParams.get("format") ?? "html";
  const renderer = documentRenderer(format);
  if (!renderer) throw new Response("不支持的文书格式", { status: 400 });
  if (!renderer.available()) throw new Response(`本服务器暂不能生成 PDF，请打开网页版${printable}后使用浏览器打印`, { status: 503 });
  return renderer;
}

/** A rendered document as an inert, uncached response: the CSP forbids any script or external resource. */
export async function documentResponse(renderer: DocumentRenderer, html: string, pdfFilename?: string): Promise<Response> {
  return new Response(new Uint8Array(await renderer.render(html)), {
    headers: {
      "Content-Type": renderer.contentType,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...(renderer.format === "pdf" && pdfFilename ? { "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(pdfFilename)}` } : {}),
    },
  });
}
