/**
 * `<kf-review-item>`: one review item. The reviewer approves, rejects or returns it with a
 * remark (required to reject or return) and the kind's fields; the applicant and reviewers see
 * the outcome (remark and the values given with the decision, under the kind's labels), the
 * history and, after a return, the applicant can resubmit.
 */
import { html, LitElement, nothing } from 'lit';
import {
  api,
  countdown,
  type ItemSummary,
  type Locale,
  pageStyles,
  stateLabel,
  tr,
} from './shared.ts';

interface Field {
  name: string;
  label: { zh: string; en: string };
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  required?: boolean;
  options?: string[];
}

/** One key of the submitted data or of the decision's values, labelled by the kind. */
interface DataEntry {
  name: string;
  label: { zh: string; en: string };
  text: { zh: string; en: string };
}

interface Item extends ItemSummary {
  data: Record<string, unknown>;
  dataEntries?: DataEntry[];
  decisionEntries?: DataEntry[];
  fields: Record<string, unknown>;
  reviewerId: string | null;
  canDecide?: boolean;
  isApplicant?: boolean;
  history: { action: string; to: string; actorId: string; remark: string | null; at: string }[];
}

const OPEN = ['submitted', 'in_review', 'resubmitted'];
const DECIDED = ['approved', 'rejected', 'returned'];

export class KfReviewItem extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    locale: { attribute: false },
    params: { attribute: false },
    item: { state: true },
    fields: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  locale: Locale = 'zh-CN';
  params: Record<string, string> = {};
  item: Item | undefined;
  fields: Field[] = [];
  error = '';
  busy = false;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('params') && this.params.id && this.params.id !== this.item?.id)
      void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.item = await api<Item>(`/reviews/${this.params.id}`);
      const kinds = await api<{ items: { name: string; fields: Field[] }[] }>(
        '/reviews/kinds',
      ).catch(() => ({ items: [] }));
      this.fields = kinds.items.find((kind) => kind.name === this.item?.kind)?.fields ?? [];
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async #decide(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const fields: Record<string, unknown> = {};
    for (const field of this.fields) {
      const value = form.get(`field-${field.name}`);
      if (value === null || value === '') continue;
      fields[field.name] =
        field.type === 'number'
          ? Number(value)
          : field.type === 'boolean'
            ? value === 'true'
            : value;
    }
    await this.#send(`/reviews/${this.item!.id}/decision`, {
      decision: form.get('decision'),
      remark: form.get('remark'),
      ...(form.get('decision') === 'approve' ? { fields } : {}),
    });
  }

  async #send(path: string, body: unknown): Promise<void> {
    this.busy = true;
    try {
      await api(path, { method: 'POST', body });
      await this.#load();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  #fieldInput(field: Field) {
    const name = `field-${field.name}`;
    const label = tr(this.locale, field.label.zh, field.label.en);
    if (field.type === 'select' || field.type === 'boolean') {
      const options: [string, string][] =
        field.type === 'boolean'
          ? [
              ['true', tr(this.locale, '是', 'Yes')],
              ['false', tr(this.locale, '否', 'No')],
            ]
          : (field.options ?? []).map((option) => [option, option]);
      return html`<label>${label}${field.required ? ' *' : ''}<select name=${name}>
        <option value=""></option>${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
      </select></label>`;
    }
    const type = field.type === 'text' ? 'text' : field.type;
    return html`<label>${label}${field.required ? ' *' : ''}<input name=${name} type=${type} /></label>`;
  }

  override render() {
    const l = this.locale;
    const item = this.item;
    if (!item) {
      return this.error
        ? html`<p class="error" role="alert">${this.error}</p>`
        : html`<p class="muted">${tr(l, '加载中…', 'Loading…')}</p>`;
    }
    return html`
      <h1>${item.title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <section class="card">
        <p>
          <span class="badge ${item.state}">${stateLabel(l, item.state)}</span>
          ${item.overdue ? html`<span class="badge overdue">${tr(l, '逾期', 'Overdue')}</span>` : nothing}
          ${tr(l, item.kindLabel.zh, item.kindLabel.en)}
        </p>
        <p>${tr(l, '办理期限', 'Deadline')}：${item.deadline} <span class="muted">${countdown(l, item)}</span></p>
        ${
          item.deadlineFallback
            ? html`<p class="warning">${tr(l, '该年度尚无官方节假日安排，期限按周一至周五计算。', 'No official holiday schedule for that year yet; the deadline counts Monday to Friday.')}</p>`
            : nothing
        }
      </section>
      ${this.#outcome(item)}
      ${this.#data(item)}
      ${OPEN.includes(item.state) && item.canDecide ? this.#decisionForm() : nothing}
      ${
        OPEN.includes(item.state) && !item.canDecide && !item.isApplicant
          ? html`<p class="muted">${tr(l, '仅可查看：此类事项不由您审核。', 'View only: you do not review items of this kind.')}</p>`
          : nothing
      }
      ${
        item.state === 'returned' && item.isApplicant
          ? html`<p><button ?disabled=${this.busy} @click=${() => this.#send(`/reviews/${item.id}/resubmit`, {})}>
              ${tr(l, '补正后重新提交', 'Resubmit')}</button></p>`
          : nothing
      }
      <section class="card">
        <h2>${tr(l, '办理记录', 'History')}</h2>
        <ol>
          ${item.history.map(
            (entry) => html`<li>
              ${new Date(entry.at).toLocaleString(l)} · ${stateLabel(l, entry.to)}
              ${entry.remark ? html`· ${entry.remark}` : nothing}
            </li>`,
          )}
        </ol>
      </section>
    `;
  }

  /** The decision: its remark and the values the reviewer gave, under the kind's labels. */
  #outcome(item: Item) {
    const l = this.locale;
    if (!DECIDED.includes(item.state)) return nothing;
    const entries = item.decisionEntries ?? [];
    return html`<section class="card" aria-labelledby="outcome">
      <h2 id="outcome">${tr(l, '办理结果', 'Outcome')}</h2>
      <p>
        <span class="badge ${item.state}">${stateLabel(l, item.state)}</span>
        ${item.decidedAt ? html`<span class="muted">${new Date(item.decidedAt).toLocaleString(l, { timeZone: 'Asia/Shanghai' })}</span>` : nothing}
      </p>
      ${item.remark ? html`<p>${tr(l, '审核意见', 'Remark')}：${item.remark}</p>` : nothing}
      ${
        entries.length > 0
          ? html`<dl class="data">
              ${entries.map(
                (entry) => html`<dt>${tr(l, entry.label.zh, entry.label.en)}</dt>
                  <dd>${tr(l, entry.text.zh, entry.text.en)}</dd>`,
              )}
            </dl>`
          : nothing
      }
    </section>`;
  }

  /** What the applicant submitted, under the labels the kind declares (the key otherwise). */
  #data(item: Item) {
    const l = this.locale;
    const entries: DataEntry[] =
      item.dataEntries ??
      Object.entries(item.data).map(([name, value]) => ({
        name,
        label: { zh: name, en: name },
        text: { zh: String(value), en: String(value) },
      }));
    if (entries.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="submitted-data">
      <h2 id="submitted-data">${tr(l, '申请内容', 'Submitted information')}</h2>
      <dl class="data">
        ${entries.map(
          (entry) => html`<dt>${tr(l, entry.label.zh, entry.label.en)}</dt>
            <dd>${tr(l, entry.text.zh, entry.text.en)}</dd>`,
        )}
      </dl>
    </section>`;
  }

  #decisionForm() {
    const l = this.locale;
    return html`
      <form class="card" @submit=${this.#decide}>
        <h2>${tr(l, '审核', 'Decide')}</h2>
        <fieldset>
          <legend>${tr(l, '审核结果', 'Decision')}</legend>
          <label><input type="radio" name="decision" value="approve" checked /> ${tr(l, '通过', 'Approve')}</label>
          <label><input type="radio" name="decision" value="reject" /> ${tr(l, '不予通过', 'Reject')}</label>
          <label><input type="radio" name="decision" value="return" /> ${tr(l, '退回补正', 'Return for more information')}</label>
        </fieldset>
        ${this.fields.map((field) => this.#fieldInput(field))}
        <label>${tr(l, '审核意见（不予通过或退回时必填）', 'Remark (required to reject or return)')}
          <textarea name="remark" rows="4" maxlength="2000"></textarea></label>
        <p><button type="submit" ?disabled=${this.busy}>${tr(l, '提交审核结果', 'Submit decision')}</button></p>
      </form>
    `;
  }
}

if (!customElements.get('kf-review-item')) customElements.define('kf-review-item', KfReviewItem);
