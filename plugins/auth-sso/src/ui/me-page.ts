import { html, LitElement, nothing } from 'lit';
import { apiFetch } from './client.ts';
import { authStyles, type Locale, pick, reloadAt, type Text } from './shared.ts';

interface Profile {
  loginName: string;
  realName: string | null;
  idNumber: string | null;
  gender: string | null;
  mobile: string | null;
  email: string | null;
  industry: string | null;
  occupation: string | null;
  roles: string[];
  verified: boolean;
  processingStopped: boolean;
  deletionRequestedAt: string | null;
  consent: { privacyNoticeVersion: string | null; privacyConsentedAt: string | null };
}

const T = {
  title: { zh: '个人中心', en: 'My account' },
  guest: { zh: '请先登录。', en: 'Please log in first.' },
  login: { zh: '登录', en: 'Log in' },
  profile: { zh: '个人资料', en: 'Profile' },
  loginName: { zh: '登录名', en: 'Login name' },
  realName: { zh: '真实姓名', en: 'Real name' },
  idNumber: { zh: '身份证号', en: 'ID card number' },
  mobile: { zh: '手机号码', en: 'Mobile number' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  industry: { zh: '所属行业', en: 'Industry' },
  occupation: { zh: '职业', en: 'Occupation' },
  status: { zh: '实名状态', en: 'Real-name status' },
  verified: { zh: '已实名认证', en: 'Verified' },
  unverified: { zh: '未实名认证', en: 'Not verified' },
  consent: { zh: '隐私声明同意', en: 'Privacy notice consent' },
  save: { zh: '保存修改', en: 'Save changes' },
  saved: { zh: '已保存。', en: 'Saved.' },
  password: { zh: '修改密码', en: 'Change password' },
  current: { zh: '当前密码', en: 'Current password' },
  next: { zh: '新密码', en: 'New password' },
  changed: {
    zh: '密码已修改，其他设备上的登录已退出。',
    en: 'Password changed; other devices were logged out.',
  },
  rights: { zh: '个人数据权利', en: 'Your data rights' },
  export: { zh: '导出我的数据（JSON）', en: 'Export my data (JSON)' },
  stop: { zh: '停止处理我的数据', en: 'Stop processing my data' },
  resume: { zh: '恢复处理我的数据', en: 'Resume processing my data' },
  stopped: {
    zh: '已停止处理：平台不再向您发送通知，也不将您计入统计。',
    en: 'Processing stopped: no notices are sent and you are left out of statistics.',
  },
  deletion: { zh: '申请注销账号并删除数据', en: 'Request account deletion' },
  deletionConfirm: {
    zh: '确定申请删除？管理员处理后，您的个人数据将被删除且无法再登录。',
    en: 'Request deletion? Once an admin completes it, your personal data is erased and you can no longer log in.',
  },
  deletionPending: {
    zh: '已提交删除申请，等待管理员处理。',
    en: 'Deletion requested; waiting for an administrator.',
  },
  withdraw: { zh: '撤回删除申请', en: 'Withdraw the request' },
  logout: { zh: '退出登录', en: 'Log out' },
  consentNeeded: {
    zh: '请阅读并同意本平台的《用户协议》和隐私声明：我们使用您的个人信息用于身份核验、发送通知、答复您的请求、问卷调查与评论、访问统计以及改进服务。',
    en: 'Please accept this portal’s user agreement and privacy notice: we use your personal data for identity checks, notices, answering your requests, surveys and comments, traffic statistics and improving the service.',
  },
  consentAccept: { zh: '同意', en: 'Accept' },
} satisfies Record<string, Text>;

const EDITABLE = ['realName', 'idNumber', 'mobile', 'email', 'industry', 'occupation'] as const;

/** `/me`: the personal centre: profile (view and correct), password, and U3 data rights. */
export class KfMePage extends LitElement {
  static override styles = authStyles;
  static override properties = {
    locale: { type: String },
    profile: { state: true },
    guest: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  locale: Locale = 'zh-CN';
  profile: Profile | undefined;
  guest = false;
  error = '';
  notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await apiFetch<Profile>('GET', '/api/v1/me');
    if (answer.status === 401) this.guest = true;
    else if (answer.ok) this.profile = answer.data;
    else this.error = answer.message;
  }

  private async act(
    method: string,
    url: string,
    payload: unknown,
    notice: Text | null,
  ): Promise<boolean> {
    this.error = '';
    this.notice = '';
    const answer = await apiFetch<Profile>(method, url, payload);
    if (!answer.ok) {
      this.error = answer.message;
      return false;
    }
    if (answer.data && typeof answer.data === 'object' && 'loginName' in answer.data) {
      this.profile = answer.data;
    }
    if (notice) this.notice = pick(notice, this.locale);
    return true;
  }

  private async saveProfile(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const patch: Record<string, string> = {};
    for (const key of EDITABLE) {
      const value = String(form.get(key) ?? '').trim();
      if (value !== (this.profile?.[key] ?? '')) patch[key] = value;
    }
    if (Object.keys(patch).length > 0) await this.act('PATCH', '/api/v1/me', patch, T.saved);
  }

  private async changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const ok = await this.act(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') },
      T.changed,
    );
    if (ok) formElement.reset();
  }

  private async giveConsent(): Promise<void> {
    const session = await apiFetch<{ privacyNoticeVersion: string }>('GET', '/api/v1/auth/session');
    await this.act(
      'POST',
      '/api/v1/me/consent',
      { acceptAgreement: true, privacyNoticeVersion: session.data?.privacyNoticeVersion ?? '' },
      null,
    );
  }

  private async logout(): Promise<void> {
    const answer = await apiFetch<{ next?: string }>('POST', '/api/v1/auth/logout');
    // After a single sign-on, `next` is the provider's logout page: without that visit the
    // next person at this computer would be signed straight back in as this one.
    reloadAt(answer.data?.next ?? '/');
  }

  private async requestDeletion(): Promise<void> {
    if (!window.confirm(pick(T.deletionConfirm, this.locale))) return;
    await this.act('POST', '/api/v1/me/deletion-request', {}, T.deletionPending);
  }

  override render() {
    const t = (text: Text) => pick(text, this.locale);
    if (this.guest) {
      return html`<section class="card"><h1>${t(T.title)}</h1>
        <p>${t(T.guest)} <a href="/login?returnTo=/me">${t(T.login)}</a></p></section>`;
    }
    const p = this.profile;
    const messages = html`<div role="status" aria-live="polite">
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
      </div>
      <div role="alert">${this.error ? html`<p class="error" part="error">${this.error}</p>` : nothing}</div>`;
    if (!p) return html`<section class="card"><h1>${t(T.title)}</h1>${messages}</section>`;
    const field = (key: (typeof EDITABLE)[number], type = 'text') =>
      html`<label>${t(T[key])} <input name=${key} type=${type} .value=${p[key] ?? ''} /></label>`;
    return html`
      <section class="card" aria-labelledby="title">
        <div class="row" style="justify-content: space-between">
          <h1 id="title">${t(T.title)}</h1>
          <button class="secondary" @click=${this.logout}>${t(T.logout)}</button>
        </div>
        ${messages}
        ${
          p.consent.privacyConsentedAt
            ? nothing
            : html`<div class="notice" part="consent">
                <p>${t(T.consentNeeded)}</p>
                <button @click=${this.giveConsent}>${t(T.consentAccept)}</button>
              </div>`
        }
        <dl>
          <dt>${t(T.loginName)}</dt><dd part="login-name">${p.loginName}</dd>
          <dt>${t(T.status)}</dt><dd>${p.verified ? t(T.verified) : t(T.unverified)}</dd>
          <dt>${t(T.consent)}</dt>
          <dd>${p.consent.privacyNoticeVersion ?? '—'} ${p.consent.privacyConsentedAt?.slice(0, 10) ?? ''}</dd>
        </dl>
        <h2>${t(T.profile)}</h2>
        <form @submit=${this.saveProfile}>
          ${field('realName')} ${field('idNumber')} ${field('mobile', 'tel')} ${field('email', 'email')}
          ${field('industry')} ${field('occupation')}
          <div><button type="submit">${t(T.save)}</button></div>
        </form>
        <h2>${t(T.password)}</h2>
        <form @submit=${this.changePassword}>
          <label>${t(T.current)}
            <input name="currentPassword" type="password" autocomplete="current-password" required />
          </label>
          <label>${t(T.next)}
            <input name="newPassword" type="password" autocomplete="new-password" required />
          </label>
          <div><button type="submit">${t(T.password)}</button></div>
        </form>
        <h2>${t(T.rights)}</h2>
        ${p.processingStopped ? html`<p class="hint">${t(T.stopped)}</p>` : nothing}
        <div class="row">
          <a class="button secondary" href="/api/v1/me/export" download>${t(T.export)}</a>
          <button
            class="secondary"
            @click=${() =>
              this.act(
                'PUT',
                '/api/v1/me/processing-stop',
                { stopped: !p.processingStopped },
                null,
              )}
          >
            ${p.processingStopped ? t(T.resume) : t(T.stop)}
          </button>
          ${
            p.deletionRequestedAt
              ? html`<span class="hint">${t(T.deletionPending)}</span>
                  <button class="secondary" @click=${() => this.act('DELETE', '/api/v1/me/deletion-request', undefined, null)}>
                    ${t(T.withdraw)}
                  </button>`
              : html`<button class="danger" @click=${this.requestDeletion}>${t(T.deletion)}</button>`
          }
        </div>
      </section>
    `;
  }
}

if (!customElements.get('kf-me-page')) customElements.define('kf-me-page', KfMePage);
