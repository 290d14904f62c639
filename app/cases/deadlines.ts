import { addWorkingDays, type WorkCalendar } from "~/calendar/workdays";
import type { Workflow } from "~/schemas/types.generated";

/** Promised and legal due dates of a case whose clock starts on `start` (a China date). */
export function caseDeadlines(start: string, workflow: Workflow, calendar: WorkCalendar) {
  return {
    dueDate: addWorkingDays(start, workflow.promisedDays, calendar),
    legalDueDate: addWorkingDays(start, workflow.legalDays, calendar),
  };
}

/** A co-department's deadline for its opinion; never later than the case's promised date. */
export function coReviewDueDate(start: string, workflow: Workflow, caseDue: string, calendar: WorkCalendar): string {
  if (!workflow.coReviewDays) return caseDue;
  const due = addWorkingDays(start, workflow.coReviewDays, calendar);
  return due < caseDue ? due : caseDue;
}
