import { idParam } from "~/routes/params";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { CaseActionError } from "~/cases/case-transaction.server";
import { documentForUser } from "~/cases/queries.server";
import { requireUser } from "~/identity/session.server";

/** The issued snapshot as a printable A4 page. The CSP forbids any script or external resource in it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const doc = await documentForUser(user, idParam(params.documentId));
    return new Response(doc.html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
