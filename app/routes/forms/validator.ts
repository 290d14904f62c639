import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadVersion } from "~/catalog/service.server";
import { formValidatorModule } from "~/forms/validator-code.server";
import { idParam } from "~/routes/params";

/**
 * The precompiled validators of one item version's form, as an ES module the application page imports when
 * the applicant starts filling in the form. A version's form never changes, so the module is cached for a year.
 * Form schemas of published versions are public anyway (the blank form prints them).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const version = await loadVersion(idParam(params.versionId));
  if (!version) throw new Response("表单不存在", { status: 404 });
  return new Response(formValidatorModule(version.form.id, version.form.jsonSchema), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
