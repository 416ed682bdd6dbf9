import { html, LitElement, nothing } from 'lit';
import { apiFetch } from './client.ts';
import { authStyles, type Locale, pick, reloadAt, returnTo, type Text } from './shared.ts';

interface SsoButton {
  id: string;
  label: Text;
  loginUrl: string;
}

const T = {
  title: { zh: '登录', en: 'Log in' },
  loginName: { zh: '登录名', en: 'Login name' },
  password: { zh: '密码', en: 'Password' },
  submit: { zh: '登录', en: 'Log in' },
  busy: { zh: '正在登录…', en: 'Logging in…' },
  sso: { zh: '或使用统一身份认证登录', en: 'Or log in with single sign-on' },
  noAccount: { zh: '还没有账号？', en: 'No account yet?' },
  register: { zh: '注册', en: 'Register' },
  wrong: { zh: '登录名或密码错误。', en: 'Wrong login name or password.' },
  locked: {
    zh: '失败次数过多，请 {s} 秒后再试。',
    en: 'Too many failed attempts; try again in {s} seconds.',
  },
} satisfies Record<string, Text>;

/** `/login`: password login plus one button per configured SSO provider. */
export class KfLoginPage extends LitElement {
  static override styles = authStyles;
  static override properties = {
    locale: { type: String },
    error: { state: true },
    busy: { state: true },
    sso: { state: true },
  };

  locale: Locale = 'zh-CN';
  error = '';
  busy = false;
  sso: SsoButton[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    // Also hands this browser its crumb cookie, which the POST below must echo
    // (csrfToken() fetches one itself if it is gone by then).
    void apiFetch<{ sso: SsoButton[] }>('GET', '/api/v1/auth/session').then((answer) => {
      this.sso = answer.data?.sso ?? [];
    });
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    const answer = await apiFetch('POST', '/api/v1/auth/login', {
      loginName: String(form.get('loginName') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    this.busy = false;
    if (answer.ok) {
      reloadAt(returnTo('/me'));
      return;
    }
    if (answer.status === 401) this.error = pick(T.wrong, this.locale);
    else if (answer.status === 429) {
      const seconds = /(\d+) seconds/.exec(answer.message)?.[1] ?? '';
      this.error = pick(T.locked, this.locale).replace('{s}', seconds);
    } else this.error = answer.message;
  }

  override render() {
    const t = (text: Text) => pick(text, this.locale);
    const back = encodeURIComponent(returnTo('/me'));
    return html`
      <section class="card" aria-labelledby="title">
        <h1 id="title">${t(T.title)}</h1>
        <form @submit=${this.submit} novalidate>
          <div role="alert" aria-live="assertive">
            ${this.error ? html`<p class="error" part="error">${this.error}</p>` : nothing}
          </div>
          <label>${t(T.loginName)}
            <input name="loginName" autocomplete="username" required />
          </label>
          <label>${t(T.password)}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit" part="submit" ?disabled=${this.busy}>
            ${this.busy ? t(T.busy) : t(T.submit)}
          </button>
        </form>
        ${
          this.sso.length > 0
            ? html`<h2>${t(T.sso)}</h2>
                <div class="row">
                  ${this.sso.map(
                    (provider) =>
                      html`<a class="button secondary" part="sso" href="${provider.loginUrl}?returnTo=${back}"
                        >${t(provider.label)}</a
                      >`,
                  )}
                </div>`
            : nothing
        }
        <p>${t(T.noAccount)} <a href="/register">${t(T.register)}</a></p>
      </section>
    `;
  }
}

if (!customElements.get('kf-login-page')) customElements.define('kf-login-page', KfLoginPage);
