import type { LoaderFunctionArgs } from "@remix-run/node";
import { CaseActionError } from "~/cases/case-transaction.server";
import { materialForUser } from "~/cases/queries.server";
import { requireUser } from "~/identity/session.server";
import { fileStorage } from "~/materials/storage.server";
import { idParam } from "~/routes/params";

/** An uploaded material, for its applicant and the staff handling the case; shown inline for previews. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const material = await materialForUser(user, idParam(params.materialId));
    const bytes = await fileStorage().get(material.storagePath);
    return new Response(new Uint8Array(bytes), {
      headers: {
        // The type was recognised from the content at upload; never echo what the browser claimed.
        "Content-Type": material.mimeType,
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(material.fileName)}`,
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
      },
    });
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
