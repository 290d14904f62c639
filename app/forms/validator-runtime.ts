import equal from "ajv/dist/runtime/equal";
import ucs2length from "ajv/dist/runtime/ucs2length";
import { fullFormats } from "ajv-formats/dist/formats";

export { detailedFieldErrors } from "~/schemas/field-errors";

/**
 * What the generated validator code (forms/validator-code.server.ts) may `require`: Ajv's runtime helpers, a few
 * kB, loaded with it instead of all of Ajv. A helper missing here fails the load, and the page then relies on the
 * server's validation alone.
 */
const MODULES: Record<string, unknown> = {
  "ajv/dist/runtime/ucs2length": { default: ucs2length },
  "ajv/dist/runtime/equal": { default: equal },
  "ajv-formats/dist/formats": { fullFormats },
};

export function runtimeRequire(id: string): unknown {
  if (!(id in MODULES)) throw new Error(`the form validator needs ${id}, which the browser runtime does not provide`);
  return MODULES[id];
}
