import type { RatingView } from "~/evaluation/ratings.server";

/** A submitted rating, read-only for everyone (the applicant, the department, supervision). */
export function RatingSummary({ rating }: { rating: RatingView }) {
  return (
    <dl className="guide" data-testid="rating">
      <dt>总体评价</dt>
      <dd>
        <strong className={rating.bad ? "overdue" : undefined}>{rating.levelLabel}</strong>
        {rating.bad && <span className="badge hot">差评</span>}
      </dd>
      {rating.scores.map((s) => (
        <Row key={s.label} term={s.label} value={s.value == null ? "未评分" : `${s.value} 分`} />
      ))}
      {rating.reasonLabel && <Row term="差评原因" value={`${rating.reasonLabel}：${rating.reason ?? ""}`} />}
      {rating.comment && <Row term="评价内容" value={rating.comment} />}
      <Row term="评价时间" value={rating.ratedAt} />
    </dl>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{value}</dd>
    </>
  );
}
