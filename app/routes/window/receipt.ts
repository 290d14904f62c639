import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentResponse, requestedRenderer } from "~/documents/renderers.server";
import { WINDOW_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { receiptForClerk } from "~/window/intake.server";

/** The 收件回执 of a case the clerk took in, as printable A4 HTML (or `?format=pdf`), like every document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const clerk = await requireRole(request, WINDOW_ROLES);
  const renderer = requestedRenderer(request, "回执");
  const receipt = await receiptForClerk(clerk, idParam(params.caseId));
  return documentResponse(renderer, receipt.html);
}
