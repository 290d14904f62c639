import { Link } from "@remix-run/react";
import type { CaseSummary } from "~/cases/queries.server";

export interface TimelineEntry {
  id: number;
  at: string;
  actor: string;
  department: string;
  note: string;
  state: string;
}

export function Timeline({ events }: { events: TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="办理过程">
      {events.map((e) => (
        <li key={e.id}>
          <div><strong>{e.note}</strong></div>
          <div className="muted">
            {e.at} · {e.department ? `${e.department} ` : ""}{e.actor} · {e.state}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function DocumentList({ documents }: { documents: Array<{ id: number; title: string; number: string; issuedAt: string }> }) {
  if (!documents.length) return <p className="muted">暂无文书。</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/documents/${d.id}`} target="_blank" rel="noreferrer">{d.title}</a>{" "}
          <a href={`/documents/${d.id}?format=pdf`} target="_blank" rel="noreferrer" aria-label={`${d.title} PDF`}>PDF</a>{" "}
          <span className="muted">{d.number} · {d.issuedAt}</span>
        </li>
      ))}
    </ul>
  );
}

export function CaseTable({ cases, linkTo, showApplicant }: { cases: CaseSummary[]; linkTo: (id: number) => string; showApplicant?: boolean }) {
  if (!cases.length) return <p className="muted">暂无办件。</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data">
        <thead>
          <tr>
            <th>查询码</th><th>事项</th>{showApplicant && <th>申请人</th>}<th>状态</th><th>提交时间</th><th>承诺办结日期</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td><Link to={linkTo(c.id)}>{c.shortNumber}</Link></td>
              <td>{c.itemName}</td>
              {showApplicant && <td>{c.applicantName}（{c.applicantMobile}）</td>}
              <td className="state">{c.stateLabel}</td>
              <td>{c.submittedAt}</td>
              <td className={c.overdue ? "overdue" : undefined}>{c.dueDate} <LightBadge light={c.light} label={c.lightLabel} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const LIGHT_COLORS: Record<string, string> = { green: "#1a7f37", yellow: "#b35900", red: "#c4161c", paused: "#5c6370" };

/** The clock's traffic light, with its meaning in words (never colour alone). */
export function LightBadge({ light, label }: { light: string; label: string }) {
  if (light === "none") return null;
  return (
    <span className="light" data-light={light} style={{ color: LIGHT_COLORS[light] }}>
      ● {label}
    </span>
  );
}

export interface MaterialFile {
  id: number;
  material: string;
  fileName: string;
  mimeType: string;
  sizeKb: number;
  uploadedAt: string;
}

/** Uploaded materials with previews: images inline, PDFs one tap away. */
export function MaterialList({ files }: { files: MaterialFile[] }) {
  if (!files.length) return <p className="muted">未上传电子材料。</p>;
  return (
    <div className="grid">
      {files.map((f) => (
        <figure key={f.id} className="card" style={{ margin: 0 }}>
          {f.mimeType.startsWith("image/") ? (
            <a href={`/materials/${f.id}`} target="_blank" rel="noreferrer">
              <img src={`/materials/${f.id}`} alt={f.material} loading="lazy" style={{ maxWidth: "100%", maxHeight: 240 }} />
            </a>
          ) : (
            <a href={`/materials/${f.id}`} target="_blank" rel="noreferrer" className="button secondary">
              {f.mimeType === "application/pdf" ? "打开 PDF" : "查看电子证照"}
            </a>
          )}
          <figcaption>
            <strong>{f.material}</strong>
            <div className="muted">{f.fileName} · {f.sizeKb} KB · {f.uploadedAt}</div>
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
