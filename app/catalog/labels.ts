import codeLists from "../../schemas/code-lists.schema.json";

type CodeList = keyof typeof codeLists.definitions;

/** Chinese label of a code from the schema's own code list, so labels are written once (in schemas/). */
export function codeLabel(list: CodeList, code: string): string {
  const def = codeLists.definitions[list] as { oneOf?: Array<{ const: string; title: string }> };
  return def.oneOf?.find((o) => o.const === code)?.title ?? code;
}

export function codeLabels(list: CodeList, codes: readonly string[] | undefined): string {
  return (codes ?? []).map((c) => codeLabel(list, c)).join("、");
}
