import { useEffect, useRef } from "react";
import { Link, useActionData, useFetcher } from "@remix-run/react";
import type { MyQuestion, PublicAnswer, ThreadMessage } from "~/interaction/views";

type Result = { error: string | null; done: boolean; question?: string };

const LIST = { listStyle: "none", padding: 0, margin: 0 } as const;

/**
 * A posted form that stays on the page: the result shows next to the field, the field clears when sent.
 * `posted` is the route's action data: on a page that is not hydrated the form is a plain POST, and the
 * page comes back rendered with the result.
 */
function usePost(posted?: Result) {
  const fetcher = useFetcher<Result>();
  const form = useRef<HTMLFormElement>(null);
  const result = fetcher.data ?? posted;
  const done = fetcher.state === "idle" && result?.done === true;
  useEffect(() => {
    if (done) form.current?.reset();
  }, [done, fetcher.data]);
  return { fetcher, form, busy: fetcher.state !== "idle", error: fetcher.state === "idle" ? result?.error ?? null : null, done, result };
}

/** 办件留言: the private thread of a case between its applicant and the lead department. */
export function InteractionThread({ messages, intro }: { messages: ThreadMessage[]; intro: string }) {
  const { fetcher, form, busy, error, done } = usePost();
  return (
    <section id="messages" className="card" aria-labelledby="messages-heading">
      <h2 id="messages-heading">办件留言</h2>
      <p className="muted">{intro}</p>
      {messages.length === 0 ? (
        <p className="muted">暂无留言。</p>
      ) : (
        <ol className="timeline" aria-label="留言记录">
          {messages.map((m) => (
            <li key={m.id}>
              <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{m.body}</div>
              <div className="muted">
                {m.mine ? "我" : m.sender} · {m.at}
                {m.mine && <> · {m.read ? "对方已读" : "对方未读"}</>}
              </div>
            </li>
          ))}
        </ol>
      )}
      <fetcher.Form method="post" ref={form}>
        <input type="hidden" name="intent" value="message" />
        <label htmlFor="case-message">留言内容（不超过 1000 字）</label>
        <textarea id="case-message" name="body" maxLength={1000} aria-invalid={error ? true : undefined} aria-describedby={error ? "case-message-error" : undefined} />
        {error && <p id="case-message-error" className="error" role="alert">{error}</p>}
        {done && <p className="notice" role="status">留言已发送</p>}
        <p><button type="submit" disabled={busy}>发送留言</button></p>
      </fetcher.Form>
    </section>
  );
}


/** 在线咨询 on the guide page: answered questions for everyone, the ask form and own questions for applicants. */
export function InteractionQuestions({
  answered,
  mine,
  viewer,
  loginHref,
}: {
  answered: PublicAnswer[];
  mine: MyQuestion[];
  viewer: "anonymous" | "applicant" | "staff";
  loginHref: string;
}) {
  const { fetcher, form, busy, error, done, result } = usePost(useActionData<Result>());
  return (
    <section id="consult" aria-labelledby="consult-heading">
      <h2 id="consult-heading">在线咨询</h2>
      <h3>常见问答</h3>
      {answered.length === 0 ? (
        <p className="muted">暂无已答复的咨询。</p>
      ) : (
        <ul style={LIST} aria-label="常见问答">
          {answered.map((q) => (
            <li key={q.id} className="card">
              <p><strong>问：</strong><span style={{ whiteSpace: "pre-wrap" }}>{q.question}</span></p>
              <p className="muted">{q.asker} · {q.askedAt}</p>
              <p><strong>答：</strong><span style={{ whiteSpace: "pre-wrap" }}>{q.answer}</span></p>
              <p className="muted">{q.department} · {q.answeredAt}</p>
            </li>
          ))}
        </ul>
      )}
      {viewer === "applicant" && (
        <>
          <h3>我要咨询</h3>
          <fetcher.Form method="post" ref={form} className="card">
            <input type="hidden" name="intent" value="ask" />
            <label htmlFor="question">咨询内容（5–500 字，答复后将公开显示，请勿填写身份证号等个人信息）</label>
            <textarea id="question" name="question" maxLength={500} defaultValue={result?.done ? undefined : result?.question} aria-invalid={error ? true : undefined} aria-describedby={error ? "question-error" : undefined} />
            {error && <p id="question-error" className="error" role="alert">{error}</p>}
            {done && <p className="notice" role="status">咨询已提交，部门答复后将在此公开显示。</p>}
            <p><button type="submit" disabled={busy}>提交咨询</button></p>
          </fetcher.Form>
          {mine.length > 0 && (
            <>
              <h3>我的咨询</h3>
              <ul style={LIST} aria-label="我的咨询">
                {mine.map((q) => (
                  <li key={q.id} className="card">
                    <p><strong>问：</strong><span style={{ whiteSpace: "pre-wrap" }}>{q.question}</span></p>
                    <p className="muted">{q.askedAt} · <span className="state">{q.mergedInto ? `已合并到：${q.mergedInto.question}` : q.statusLabel}</span></p>
                    {q.hiddenReason && q.status === "hidden" && <p>隐藏原因：{q.hiddenReason}</p>}
                    {q.answer && q.status === "answered" && <p><strong>答：</strong><span style={{ whiteSpace: "pre-wrap" }}>{q.answer}</span></p>}
                    {q.mergedInto?.answer && <p><strong>答：</strong><span style={{ whiteSpace: "pre-wrap" }}>{q.mergedInto.answer}</span></p>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {viewer === "anonymous" && (
        <p>
          <Link className="button secondary" to={loginHref}>登录后咨询</Link>
        </p>
      )}
      {viewer === "staff" && <p className="muted">工作人员请在工作台的“在线交流”中答复咨询。</p>}
    </section>
  );
}

/** On 我的办件: the cases with messages from departments the applicant has not read yet. */
export function InteractionUnread({ total, cases }: { total: number; cases: Array<{ id: number; shortNumber: string; itemName: string; unread: number }> }) {
  if (total === 0) return null;
  return (
    <section className="notice" aria-labelledby="unread-heading">
      <h2 id="unread-heading" style={{ border: 0, padding: 0, margin: "0 0 6px" }}>
        未读留言 <span data-testid="unread-total">{total}</span> 条
      </h2>
      <ul className="items">
        {cases.map((c) => (
          <li key={c.id}>
            <Link className="button secondary" to={`/my/cases/${c.id}#messages`}>
              {c.itemName}（{c.shortNumber}）：{c.unread} 条未读
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On the workbench queue: questions waiting for an answer and unread applicant messages of the department. */
export function InteractionWorkbenchLink({ openQuestions, unreadMessages }: { openQuestions: number; unreadMessages: number }) {
  return (
    <p>
      <Link className={`button${openQuestions + unreadMessages > 0 ? "" : " secondary"}`} to="/workbench/questions">
        在线交流：待答复咨询 <span data-testid="open-questions">{openQuestions}</span> 条 · 未读留言 <span data-testid="unread-messages">{unreadMessages}</span> 条
      </Link>
    </p>
  );
}
