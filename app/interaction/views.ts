/** What the interaction pages show, shared by the services that build it and the components that render it. */

export type QuestionStatus = "pending" | "answered" | "hidden" | "merged";

export interface PublicAnswer {
  id: number;
  question: string;
  answer: string;
  asker: string;
  askedAt: string;
  answeredAt: string;
  department: string;
}

export interface MyQuestion {
  id: number;
  question: string;
  askedAt: string;
  status: QuestionStatus;
  statusLabel: string;
  answer: string | null;
  hiddenReason: string | null;
  mergedInto: { id: number; question: string; answer: string | null } | null;
}

export interface ThreadMessage {
  id: number;
  mine: boolean;
  sender: string;
  body: string;
  at: string;
  /** For the writer: whether the other side has opened the thread since. */
  read: boolean;
}
