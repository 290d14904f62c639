import type { LoaderFunctionArgs } from "@remix-run/node";
import { CaseActionError } from "~/cases/case-transaction.server";
import { documentForUser } from "~/cases/queries.server";
import { documentRenderer } from "~/documents/renderers.server";
import { requireUser } from "~/identity/session.server";
import { idParam } from "~/routes/params";

/**
 * The issued snapshot, as printable A4 HTML (default) or PDF (`?format=pdf`). The CSP forbids any script or
 * external resource in the HTML.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const format = new URL(request.url).searchParams.get("format") ?? "html";
  const renderer = documentRenderer(format);
  if (!renderer) throw new Response("不支持的文书格式", { status: 400 });
  if (!renderer.available()) throw new Response("本服务器暂不能生成 PDF，请打开网页版文书后使用浏览器打印", { status: 503 });
  try {
    const doc = await documentForUser(user, idParam(params.documentId));
    const body = await renderer.render(doc.html);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": renderer.contentType,
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        ...(format === "pdf" ? { "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${doc.title}-${doc.number}.pdf`)}` } : {}),
      },
    });
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
