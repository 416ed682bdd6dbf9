/**
 * What the review pages share: talking to the API (through auth-sso's client, which sends the
 * CSRF header), bilingual labels, and styles (the SDK's token-only base, see `pageStyles`).
 */
import { apiFetch } from '@kaifang/plugin-auth-sso/ui/client';
import {
  badgeStyles,
  buttonStyles,
  headingStyles,
  pageStyles as sdkPageStyles,
} from '@kaifang/sdk/ui';
import { css } from 'lit';

export type Locale = 'zh-CN' | 'en';

/** Picks the text for the page's locale. */
export function tr(locale: Locale | undefined, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON request to the portal API; a non-2xx answer (or none) throws with the server's message. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const answer = await apiFetch<T>(init.method ?? 'GET', `${API}${path}`, init.body);
  if (!answer.ok) throw new ApiError(answer.status, answer.message);
  return answer.data as T;
}

export interface ItemSummary {
  id: string;
  kind: string;
  kindLabel: { zh: string; en: string };
  title: string;
  state: string;
  remark: string | null;
  applicantId: string;
  submittedAt: string;
  deadline: string;
  dueAt: string;
  workdaysLeft: number;
  overdue: boolean;
  deadlineFallback: boolean;
  decidedAt: string | null;
  /** In the inbox: whether the caller may decide it (platform admins also see others' kinds). */
  canDecide?: boolean;
}

export const STATE_LABELS: Record<string, [string, string]> = {
  submitted: ['已提交', 'Submitted'],
  in_review: ['审核中', 'In review'],
  approved: ['已通过', 'Approved'],
  rejected: ['未通过', 'Rejected'],
  returned: ['已退回', 'Returned'],
  resubmitted: ['已重新提交', 'Resubmitted'],
};

export function stateLabel(locale: Locale | undefined, state: string): string {
  const label = STATE_LABELS[state];
  return label ? tr(locale, ...label) : state;
}

/** "2 working days left (1 d 5 h)" or "overdue by 3 d", for the SLA countdown. */
export function countdown(locale: Locale | undefined, item: ItemSummary, now = Date.now()): string {
  if (!['submitted', 'in_review', 'resubmitted'].includes(item.state)) return '';
  const ms = Date.parse(item.dueAt) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const span = tr(
    locale,
    `${Math.floor(hours / 24)}天${hours % 24}小时`,
    `${Math.floor(hours / 24)} d ${hours % 24} h`,
  );
  if (ms <= 0) return tr(locale, `已逾期 ${span}`, `Overdue by ${span}`);
  return tr(
    locale,
    `剩余 ${item.workdaysLeft} 个工作日（${span}）`,
    `${item.workdaysLeft} working days left (${span})`,
  );
}

/**
 * The SDK's page, heading, button and badge styles, then what the review pages draw their own
 * way: flat stacked cards, plain tables, small labels over the filters, square neutral badges
 * with state colours, and `.error`/`.warning` as filled boxes.
 */
export const pageStyles = [
  sdkPageStyles,
  headingStyles,
  buttonStyles,
  badgeStyles,
  css`
    h1 {
      margin: 0 0 var(--kf-sys-space-l, 1.5rem);
    }
    h2 {
      margin: 0 0 var(--kf-sys-space-s, 0.5rem);
    }
    .card {
      box-shadow: none;
      padding: var(--kf-card-padding, var(--kf-sys-space-m, 1rem));
      margin-bottom: var(--kf-sys-space-m, 1rem);
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: start;
      padding: var(--kf-sys-space-s, 0.5rem);
      border-bottom: 1px solid var(--kf-sys-color-outline, #d1d5db);
      vertical-align: top;
    }
    button {
      border: 1px solid transparent;
    }
    button.secondary {
      color: var(--kf-sys-color-primary, #1a56db);
      border-color: var(--kf-sys-color-outline, #d1d5db);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kf-sys-space-m, 1rem);
      align-items: end;
      margin-bottom: var(--kf-sys-space-m, 1rem);
    }
    label {
      display: grid;
      gap: var(--kf-sys-space-xs, 0.25rem);
      font-size: var(--kf-sys-font-size-s, 0.875rem);
    }
    .badge {
      border-radius: var(--kf-sys-radius-s, 4px);
      background: var(--kf-sys-color-surface-variant, #f3f4f6);
      color: inherit;
    }
    .badge.overdue,
    .error {
      background: var(--kf-sys-color-danger-container, #fde8e8);
      color: var(--kf-sys-color-danger, #c81e1e);
    }
    .badge.approved {
      background: var(--kf-sys-color-success-container, #def7ec);
      color: var(--kf-sys-color-success, #046c4e);
    }
    .badge.returned,
    .warning {
      background: var(--kf-sys-color-warning-container, #fdf6b2);
      color: var(--kf-sys-color-warning, #8e4b10);
    }
    dl.data {
      display: grid;
      grid-template-columns: minmax(6rem, max-content) 1fr;
      gap: var(--kf-sys-space-xs, 0.25rem) var(--kf-sys-space-m, 1rem);
      margin: 0;
    }
    dl.data dt {
      color: var(--kf-sys-color-on-surface-muted, #6b7280);
    }
    dl.data dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .error,
    .warning {
      padding: var(--kf-sys-space-s, 0.5rem);
      border-radius: var(--kf-sys-radius-s, 4px);
    }
  `,
];

export const REVIEW_FILTER_STATES = Object.keys(STATE_LABELS);
