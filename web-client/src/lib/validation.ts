import type { MessageKey } from '../i18n';
import { daysBetween, isCalendarDate } from './countdown';

/** A field problem: a message key and its parameters (translated where it is shown). */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type Problems<F extends string> = Partial<Record<F, Problem>>;

export interface ProposalForm {
  name: string;
  issue: string;
  objectives: string;
  deliverables: string;
  start: string;
  end: string;
  squad: string;
  theme: string;
}

/** The server's limits (docs/openapi.json: Mandate, CreateTactical). */
export const LIMITS = { name: 200, theme: 500, issue: 2000, text: 5000 } as const;

function required(value: string, max: number): Problem | undefined {
  if (!value.trim()) return { key: 'validation.required' };
  if (value.trim().length > max) return { key: 'validation.tooLong', params: { max } };
  return undefined;
}

/** Checks a tactical-group proposal before it is sent (the server checks again). */
export function validateProposal(form: ProposalForm): Problems<keyof ProposalForm> {
  const problems: Problems<keyof ProposalForm> = {};
  const name = required(form.name, LIMITS.name);
  if (name) problems.name = name;
  for (const field of ['issue', 'objectives', 'deliverables'] as const) {
    const problem = required(form[field], field === 'issue' ? LIMITS.issue : LIMITS.text);
    if (problem) problems[field] = problem;
  }
  if (form.theme.trim().length > LIMITS.theme) {
    problems.theme = { key: 'validation.tooLong', params: { max: LIMITS.theme } };
  }
  for (const field of ['start', 'end'] as const) {
    if (!form[field]) problems[field] = { key: 'validation.required' };
    else if (!isCalendarDate(form[field])) problems[field] = { key: 'validation.date' };
  }
  if (!problems.start && !problems.end && daysBetween(form.start, form.end) <= 0) {
    problems.end = { key: 'validation.endBeforeStart' };
  }
  return problems;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export const MIN_PASSWORD = 8;
