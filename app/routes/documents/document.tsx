import type { LoaderFunctionArgs } from "@remix-run/node";
import { CaseActionError } from "~/cases/case-transaction.server";
import { documentForUser } from "~/cases/queries.server";
import { documentResponse, requestedRenderer } from "~/documents/renderers.server";
import { requireUser } from "~/identity/session.server";
import { idParam } from "~/routes/params";

/**
 * The issued snapshot, as printable A4 HTML (default) or PDF (`?format=pdf`). The CSP forbids any script or
 * external resource in the HTML.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const renderer = requestedRenderer(request, "文书");
  try {
    const doc = await documentForUser(user, idParam(params.documentId));
    return await documentResponse(renderer, doc.html, `${doc.title}-${doc.number}.pdf`);
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
