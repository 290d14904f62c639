import { useNavigation, useSearchParams } from "@remix-run/react";
import type { RatingView } from "~/evaluation/ratings.server";
import type { UiFieldError } from "./ErrorSummary";
import { RatingForm } from "./RatingForm";
import { RatingSummary } from "./RatingSummary";

export interface ApplicantRatingView {
  canRate: boolean;
  online: boolean;
  rating: RatingView | null;
  followUp: { stateLabel: string; deadline: string; resolution: string | null } | null;
}

/** 好差评 on the applicant's case page: the form once the case is completed, the rating after. */
export function RatingSection({ view, feedback }: { view: ApplicantRatingView; feedback?: { errors: UiFieldError[]; values: Record<string, string> } | null }) {
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  if (view.rating) {
    return (
      <section aria-labelledby="my-rating-heading">
        <h2 id="my-rating-heading">我的评价</h2>
        {params.get("rated") && <div className="notice" role="status">感谢您的评价！</div>}
        <RatingSummary rating={view.rating} />
        {view.followUp && (
          <p>
            差评整改：<span className="state">{view.followUp.stateLabel}</span>（承办部门应于 {view.followUp.deadline} 前回访整改）
            {view.followUp.resolution && <><br />整改结果：{view.followUp.resolution}</>}
          </p>
        )}
      </section>
    );
  }
  if (!view.canRate) return null;
  return <RatingForm errors={feedback?.errors} values={feedback?.values} online={view.online} busy={busy} />;
}
