import Handlebars from "handlebars";
import { Parser } from "htmlparser2";

/** Tags that run code, load other documents or change where the page's links and forms go. */
const FORBIDDEN_TAGS = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base", "form", "svg", "math", "template", "audio", "video", "source", "track"]);
/** Attributes that may point elsewhere: only same-document anchors and inline data images are allowed. */
const URL_ATTRIBUTES = new Set(["src", "href", "action", "formaction", "srcset", "poster", "background", "xlink:href", "data"]);

/**
 * What is wrong with a department's document template (Chinese, one message per problem): Handlebars syntax,
 * unescaped output ({{{ }}}), and HTML that could run script, react to events or load anything from outside
 * (documents are printed, archived and turned into PDFs; they must be self-contained and inert).
 */
export function templateSourceErrors(source: string): string[] {
  const errors: string[] = [];
  try {
    Handlebars.precompile(source, { strict: true });
  } catch (error) {
    errors.push(`模板语法错误：${String(error instanceof Error ? error.message : error).split("\n")[0]}`);
  }
  if (/\{\{\{|\{\{~?\s*&/.test(source)) errors.push("模板不能使用不转义的输出（{{{ }}} 或 {{& }}），请使用 {{ }}");
  const found = new Set<string>();
  const parser = new Parser(
    {
      onopentagname(name) {
        if (FORBIDDEN_TAGS.has(name)) found.add(`不允许使用 <${name}> 标签`);
      },
      onattribute(name, value) {
        const attr = name.toLowerCase();
        if (attr.startsWith("on")) found.add(`不允许使用事件属性 ${attr}`);
        if (URL_ATTRIBUTES.has(attr) && !/^(#|data:image\/(png|jpeg|gif|webp);base64,)/i.test(value.trim())) found.add(`不允许引用外部资源（${attr}="${value.slice(0, 40)}"）`);
        if (attr === "style" && /url\s*\(|expression\s*\(|@import/i.test(value)) found.add("样式中不允许引用外部资源（url()、@import）");
      },
      ontext(text) {
        if (/@import|url\s*\(\s*['"]?\s*(https?:|\/\/)/i.test(text)) found.add("样式中不允许引用外部资源（url()、@import）");
        if (/javascript:/i.test(text)) found.add("不允许使用 javascript: 链接");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(source);
  parser.end();
  return [...errors, ...found];
}
