import type { ErrorSchema } from "@rjsf/utils";

/** Server field errors ("shareholders.0.name") → RJSF extraErrors, so they show under the right field. */
export function toErrorSchema(errors: ReadonlyArray<{ path: string; message: string }>): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const { path, message } of errors) {
    let node = root;
    for (const part of path.split(".").filter(Boolean)) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(message);
  }
  return root as ErrorSchema;
}
