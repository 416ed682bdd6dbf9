import { html, LitElement, nothing } from 'lit';
import { apiFetch } from './client.ts';
import { authStyles, type Locale, pick, reloadAt, type Text } from './shared.ts';

const T = {
  title: { zh: '用户注册', en: 'Register' },
  loginName: { zh: '登录名', en: 'Login name' },
  loginNameHint: {
    zh: '4–32 位，字母开头，可含字母、数字、_ . -',
    en: '4–32 characters, a letter first; letters, digits, _ . -',
  },
  password: { zh: '密码', en: 'Password' },
  passwordHint: {
    zh: '8–64 位，至少包含大写字母、小写字母、数字、符号中的三类，且不含登录名',
    en: '8–64 characters mixing three of: upper case, lower case, digits, symbols; not the login name',
  },
  realName: { zh: '真实姓名', en: 'Real name' },
  idNumber: { zh: '身份证号', en: 'ID card number' },
  gender: { zh: '性别', en: 'Gender' },
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  unspecified: { zh: '不愿透露', en: 'Prefer not to say' },
  mobile: { zh: '手机号码', en: 'Mobile number' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  industry: { zh: '所属行业', en: 'Industry' },
  occupation: { zh: '职业', en: 'Occupation' },
  privacyTitle: { zh: '隐私声明', en: 'Privacy notice' },
  privacy: {
    zh: '我们使用您的个人信息用于：身份核验、发送通知、答复您的请求、问卷调查与评论、访问统计以及改进服务。您可以随时在个人中心查看、更正、导出或申请删除您的数据，或要求停止处理。',
    en: 'We use your personal data for identity checks, notices, answering your requests, surveys and comments, traffic statistics and improving the service. In your account you can view, correct, export or request deletion of your data, or ask us to stop processing it.',
  },
  accept: {
    zh: '我已阅读并同意《用户协议》和上述隐私声明',
    en: 'I have read and accept the user agreement and the privacy notice above',
  },
  submit: { zh: '注册', en: 'Register' },
  busy: { zh: '正在提交…', en: 'Submitting…' },
  haveAccount: { zh: '已有账号？', en: 'Already registered?' },
  tooMany: {
    zh: '该网络地址注册次数过多，请 {m} 分钟后再试。',
    en: 'Too many registrations from this network address; try again in {m} minutes.',
  },
  login: { zh: '登录', en: 'Log in' },
} satisfies Record<string, Text>;

/** `/register`: the U1 profile, the user agreement and the U2 privacy notice. */
export class KfRegisterPage extends LitElement {
  static override styles = authStyles;
  static override properties = {
    locale: { type: String },
    error: { state: true },
    busy: { state: true },
  };

  locale: Locale = 'zh-CN';
  error = '';
  busy = false;
  private privacyNoticeVersion: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Also hands this browser its crumb cookie, which the POST below must echo
    // (csrfToken() fetches one itself if it is gone by then).
    void apiFetch<{ privacyNoticeVersion: string }>('GET', '/api/v1/auth/session').then(
      (answer) => {
        this.privacyNoticeVersion = answer.data?.privacyNoticeVersion;
      },
    );
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const payload = {
      loginName: value('loginName'),
      password: String(form.get('password') ?? ''),
      realName: value('realName'),
      idNumber: value('idNumber'),
      gender: value('gender'),
      mobile: value('mobile'),
      email: value('email'),
      industry: value('industry'),
      occupation: value('occupation'),
      acceptAgreement: form.get('acceptAgreement') === 'on',
      ...(this.privacyNoticeVersion ? { privacyNoticeVersion: this.privacyNoticeVersion } : {}),
    };
    this.busy = true;
    this.error = '';
    const registered = await apiFetch('POST', '/api/v1/auth/register', payload);
    if (!registered.ok) {
      this.busy = false;
      const seconds = Number(/(\d+) seconds/.exec(registered.message)?.[1] ?? 0);
      this.error =
        registered.status === 429
          ? pick(T.tooMany, this.locale).replace('{m}', String(Math.ceil(seconds / 60)))
          : registered.message;
      return;
    }
    const login = await apiFetch('POST', '/api/v1/auth/login', {
      loginName: payload.loginName,
      password: payload.password,
    });
    this.busy = false;
    reloadAt(login.ok ? '/me' : '/login');
  }

  override render() {
    const t = (text: Text) => pick(text, this.locale);
    return html`
      <section class="card" aria-labelledby="title">
        <h1 id="title">${t(T.title)}</h1>
        <form @submit=${this.submit} novalidate>
          <div role="alert" aria-live="assertive">
            ${this.error ? html`<p class="error" part="error">${this.error}</p>` : nothing}
          </div>
          <label>${t(T.loginName)} <span class="hint">${t(T.loginNameHint)}</span>
            <input name="loginName" autocomplete="username" required />
          </label>
          <label>${t(T.password)} <span class="hint">${t(T.passwordHint)}</span>
            <input name="password" type="password" autocomplete="new-password" required />
          </label>
          <label>${t(T.realName)} <input name="realName" autocomplete="name" required /></label>
          <label>${t(T.idNumber)} <input name="idNumber" maxlength="18" required /></label>
          <label>${t(T.gender)}
            <select name="gender" required>
              <option value="male">${t(T.male)}</option>
              <option value="female">${t(T.female)}</option>
              <option value="unspecified">${t(T.unspecified)}</option>
            </select>
          </label>
          <label>${t(T.mobile)} <input name="mobile" type="tel" autocomplete="tel" required /></label>
          <label>${t(T.email)} <input name="email" type="email" autocomplete="email" required /></label>
          <label>${t(T.industry)} <input name="industry" /></label>
          <label>${t(T.occupation)} <input name="occupation" /></label>
          <h2>${t(T.privacyTitle)}</h2>
          <p class="hint" part="privacy">${t(T.privacy)}</p>
          <label class="check">
            <input type="checkbox" name="acceptAgreement" required />
            <span>${t(T.accept)}</span>
          </label>
          <button type="submit" part="submit" ?disabled=${this.busy}>
            ${this.busy ? t(T.busy) : t(T.submit)}
          </button>
        </form>
        <p>${t(T.haveAccount)} <a href="/login">${t(T.login)}</a></p>
      </section>
    `;
  }
}

if (!customElements.get('kf-register-page')) {
  customElements.define('kf-register-page', KfRegisterPage);
}
