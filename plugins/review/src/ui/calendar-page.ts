/**
 * `<kf-review-calendar>`: where each year's working-day rules come from, a warning for years
 * that fall back to plain weekdays, and (for platform admins) entering a newly published year.
 */
import { html, LitElement, nothing } from 'lit';
import { api, type Locale, pageStyles, tr } from './shared.ts';

interface Coverage {
  year: number;
  source: 'official' | 'admin' | 'weekday-fallback';
  specialDays: { date: string; workday: boolean; name: string }[];
  note?: string;
}

type YearSource = { year: number; source: Coverage['source'] };

const SOURCE: Record<Coverage['source'], [string, string]> = {
  official: ['国务院办公厅公布数据（内置）', 'Official schedule (bundled)'],
  admin: ['管理员录入', 'Entered by an admin'],
  'weekday-fallback': ['无官方数据，按周一至周五计算', 'No official data: Monday to Friday'],
};

/** Parses lines `2031-10-01,休,国庆节` / `2031-10-11,班,国庆节` (休 = holiday, 班 = make-up workday). */
function parseDays(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [date = '', kind = '', name = ''] = line.split(/[,，\s]+/);
      return { date, workday: kind === '班' || kind.toLowerCase() === 'work', name };
    });
}

export class KfReviewCalendar extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    locale: { attribute: false },
    years: { state: true },
    selected: { state: true },
    error: { state: true },
  };

  locale: Locale = 'zh-CN';
  years: YearSource[] = [];
  selected: Coverage | undefined;
  error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(year?: number): Promise<void> {
    try {
      this.years = (await api<{ items: YearSource[] }>('/calendar/years')).items;
      const pick = year ?? this.years.find((entry) => entry.source === 'weekday-fallback')?.year;
      this.selected = pick ? await api<Coverage>(`/calendar/years/${pick}`) : undefined;
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async #publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const year = Number(form.get('year'));
    try {
      await api(`/calendar/years/${year}`, {
        method: 'PUT',
        body: {
          source: form.get('source') || undefined,
          days: parseDays(String(form.get('days'))),
        },
      });
      await this.#load(year);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    const l = this.locale;
    const sel = this.selected;
    return html`
      <h1>${tr(l, '工作日历', 'Working-day calendar')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <table>
        <thead><tr><th>${tr(l, '年度', 'Year')}</th><th>${tr(l, '数据来源', 'Source')}</th><th></th></tr></thead>
        <tbody>${this.years.map(
          (entry) => html`<tr>
            <td>${entry.year}</td>
            <td class=${entry.source === 'weekday-fallback' ? 'warning' : ''}>${tr(l, ...SOURCE[entry.source])}</td>
            <td><button class="secondary" @click=${() => this.#load(entry.year)}>${tr(l, '查看', 'View')}</button></td>
          </tr>`,
        )}</tbody>
      </table>
      ${
        sel
          ? html`<section class="card">
              <h2>${sel.year}</h2>
              ${sel.note ? html`<p class="warning">${sel.note}</p>` : nothing}
              <ul>${sel.specialDays.map(
                (day) =>
                  html`<li>${day.date} ${day.workday ? tr(l, '调休上班', 'make-up workday') : tr(l, '放假', 'holiday')} · ${day.name}</li>`,
              )}</ul>
            </section>`
          : nothing
      }
      <form class="card" @submit=${this.#publish}>
        <h2>${tr(l, '录入年度节假日安排（平台管理员）', "Enter a year's schedule (platform admins)")}</h2>
        <label>${tr(l, '年度', 'Year')}<input name="year" type="number" min="2000" max="2100" required .value=${String(sel?.year ?? '')} /></label>
        <label>${tr(l, '文件依据', 'Source document')}<input name="source" maxlength="200" /></label>
        <label>${tr(l, '每行一天：日期,休或班,节日名称', 'One day per line: date,休 (holiday) or 班 (make-up workday),name')}
          <textarea name="days" rows="10" required placeholder="2031-10-01,休,国庆节"></textarea></label>
        <p><button type="submit">${tr(l, '发布（替换该年度全部安排）', 'Publish (replaces the whole year)')}</button></p>
      </form>
    `;
  }
}

if (!customElements.get('kf-review-calendar'))
  customElements.define('kf-review-calendar', KfReviewCalendar);
