import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentRenderer } from "~/documents/renderers.server";
import { WINDOW_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { receiptForClerk } from "~/window/intake.server";

/** The 收件回执 of a case the clerk took in, as printable A4 HTML (or `?format=pdf`), like every document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const clerk = await requireRole(request, WINDOW_ROLES);
  const format = new URL(request.url).searchParams.get("format") ?? "html";
  const renderer = documentRenderer(format);
  if (!renderer) throw new Response("不支持的文书格式", { status: 400 });
  if (!renderer.available()) throw new Response("本服务器暂不能生成 PDF，请打开网页版回执后使用浏览器打印", { status: 503 });
  const receipt = await receiptForClerk(clerk, idParam(params.caseId));
  const body = await renderer.render(receipt.html);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": renderer.contentType,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
