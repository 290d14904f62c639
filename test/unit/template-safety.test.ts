import { describe, expect, it } from "vitest";
import { templateSourceErrors } from "~/documents/template-safety";

describe("department document templates", () => {
  it("accepts an ordinary A4 notice with escaped fields", () => {
    expect(templateSourceErrors('{{#> layout title="受理通知书"}}<p class="body">{{applicant.name}}：您申请的{{item.name}}已受理。</p><a href="#top">回到顶部</a>{{/layout}}')).toEqual([]);
  });

  it.each([
    ["<script>alert(1)</script>", "不允许使用 <script> 标签"],
    ['<p onclick="steal()">x</p>', "不允许使用事件属性 onclick"],
    ['<img src="https://evil.example/t.gif">', '不允许引用外部资源（src="https://evil.example/t.gif"）'],
    ['<a href="javascript:alert(1)">x</a>', '不允许引用外部资源（href="javascript:alert(1)"）'],
    ["<style>@import 'https://evil.example/x.css';</style>", "样式中不允许引用外部资源（url()、@import）"],
    ['<div style="background:url(//evil.example/x.png)">x</div>', "样式中不允许引用外部资源（url()、@import）"],
    ["<iframe></iframe>", "不允许使用 <iframe> 标签"],
    ["{{{applicant.name}}}", "模板不能使用不转义的输出（{{{ }}} 或 {{& }}），请使用 {{ }}"],
  ])("refuses %s", (source, message) => {
    expect(templateSourceErrors(source)).toContain(message);
  });

  it("reports Handlebars syntax errors", () => {
    expect(templateSourceErrors("{{#if x}}unclosed")[0]).toMatch(/^模板语法错误：/);
  });
});
