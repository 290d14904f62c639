import type { PrefillBinding } from "~/schemas/types.generated";

export interface PrefillSources {
  applicant: Record<string, string | null>;
  enterprise: Record<string, string | null> | null;
  licence: Record<string, string | null> | null;
}

/**
 * Initial form data from the applicant's profile, enterprise record and e-licences, per the form's bindings.
 * A field bound to several sources takes the first one that has a value.
 */
export function prefillFormData(bindings: readonly PrefillBinding[], sources: PrefillSources): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const binding of bindings) {
    const value = sources[binding.source]?.[binding.path];
    if (value != null && value !== "" && !binding.field.includes(".") && !(binding.field in data)) data[binding.field] = value;
  }
  return data;
}
