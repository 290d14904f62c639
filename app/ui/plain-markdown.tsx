import type { ReactNode } from "react";

/**
 * Stands in for markdown-to-jsx (85 kB, a quarter of the form page's JavaScript) in RJSF's browser bundle; see
 * the alias in vite.config.ts. RJSF renders Markdown only for descriptions and help with
 * `ui:enableMarkdownInDescription`/`ui:enableMarkdownInHelp`, which our forms do not use, and for a few
 * messages of its own ("**name** (type, size)"); those show here as plain text.
 */
export function Markdown({ children }: { children?: ReactNode }) {
  return <>{typeof children === "string" ? children.replace(/\*\*|__|`/g, "") : children}</>;
}
