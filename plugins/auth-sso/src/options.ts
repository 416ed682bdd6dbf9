import { Joi, type LocalizedText } from '@kaifang/sdk';

export interface OidcProviderOptions {
  id: string;
  kind: 'oidc';
  label: LocalizedText;
  /** The issuer URL; its `/.well-known/openid-configuration` is discovered at start. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Default `openid profile email phone`. */
  scope?: string;
  /** Allow an http:// issuer (tests and intranets only). Default false. */
  allowInsecure?: boolean;
  /** Claim whose value `true` (or `"true"`) marks a real-name verified person. Default `real_name_verified`. */
  verifiedClaim?: string;
  /**
   * Where the provider sends the browser after logging the person out (register it with the
   * provider as a post-logout redirect URI). Default `publicUrl` + `/`.
   */
  postLogoutRedirectUri?: string;
}

export interface ShandongProviderOptions {
  id: string;
  kind: 'shandong';
  label: LocalizedText;
  /** The unified identity platform's login page; we append appid, service and state. */
  loginUrl: string;
  /** Exchanges a ticket for a token. */
  tokenUrl: string;
  /** Returns the natural-person or legal-person profile for a token. */
  userInfoUrl: string;
  appId: string;
  appKey: string;
  appSecret: string;
  /** Real-name authentication levels at or above this count as `verified`. Default 2. */
  verifiedLevel?: number;
}

export type SsoProviderOptions = OidcProviderOptions | ShandongProviderOptions;

export interface ThrottleLimit {
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** How many accounts one IP address may register per window; the next waits a whole window. */
export interface RegistrationLimit {
  perIp: number;
  windowSeconds: number;
}

export interface AuthOptions {
  /** Seals the session cookie (≥ 32 chars). Default `KAIFANG_SESSION_SECRET`, else generated and kept in the database. */
  cookiePassword?: string;
  /** Send cookies with `Secure` (keep true behind HTTPS; browsers treat localhost as secure). */
  cookieSecure: boolean;
  session: { idleSeconds: number; absoluteSeconds: number };
  limits: { account: ThrottleLimit; ip: ThrottleLimit; registration: RegistrationLimit };
  agreementVersion: string;
  privacyNoticeVersion: string;
  /** The first platform admin, created on first start. */
  admin: { loginName: string; password?: string };
  /** The portal's public origin, for SSO callback URLs, e.g. `https://data.dezhou.gov.cn`. */
  publicUrl: string;
  /** Where the browser lands after an SSO login. */
  afterLoginPath: string;
  /** Addresses of load balancers whose X-Forwarded-For is believed (default none). */
  trustedProxies: string[];
  sso: SsoProviderOptions[];
}

const limit = (maxFailures: number) =>
  Joi.object({
    maxFailures: Joi.number().integer().min(1).default(maxFailures),
    windowSeconds: Joi.number().integer().min(1).default(900),
    lockSeconds: Joi.number().integer().min(1).default(900),
  }).default();

const label = Joi.object({ zh: Joi.string().required(), en: Joi.string().required() });
const providerId = Joi.string()
  .pattern(/^[a-z][a-z0-9-]*$/)
  .required();

const oidc = Joi.object({
  id: providerId,
  kind: Joi.string().valid('oidc').required(),
  label: label.required(),
  issuer: Joi.string().uri().required(),
  clientId: Joi.string().required(),
  clientSecret: Joi.string().required(),
  scope: Joi.string().default('openid profile email phone'),
  allowInsecure: Joi.boolean().default(false),
  verifiedClaim: Joi.string().default('real_name_verified'),
  // No default here: it derives from publicUrl, which the registry knows.
  postLogoutRedirectUri: Joi.string().uri({ scheme: ['http', 'https'] }),
});

const shandong = Joi.object({
  id: providerId,
  kind: Joi.string().valid('shandong').required(),
  label: label.required(),
  loginUrl: Joi.string().uri().required(),
  tokenUrl: Joi.string().uri().required(),
  userInfoUrl: Joi.string().uri().required(),
  appId: Joi.string().required(),
  appKey: Joi.string().required(),
  appSecret: Joi.string().required(),
  verifiedLevel: Joi.number().integer().min(1).default(2),
});

export const optionsSchema = Joi.object<AuthOptions>({
  cookiePassword: Joi.string()
    .min(32)
    .default(() => process.env.KAIFANG_SESSION_SECRET || undefined),
  cookieSecure: Joi.boolean().default(true),
  session: Joi.object({
    idleSeconds: Joi.number()
      .integer()
      .min(60)
      .default(30 * 60),
    absoluteSeconds: Joi.number()
      .integer()
      .min(60)
      .default(12 * 60 * 60),
  }).default(),
  limits: Joi.object({
    account: limit(5),
    ip: limit(50),
    registration: Joi.object({
      perIp: Joi.number().integer().min(1).default(10),
      windowSeconds: Joi.number()
        .integer()
        .min(1)
        .default(60 * 60),
    }).default(),
  }).default(),
  agreementVersion: Joi.string().max(40).default('2024-01'),
  privacyNoticeVersion: Joi.string().max(40).default('2024-01'),
  admin: Joi.object({
    loginName: Joi.string().default('admin'),
    password: Joi.string()
      .min(8)
      .default(() => process.env.KAIFANG_ADMIN_PASSWORD || undefined),
  }).default(),
  publicUrl: Joi.string().uri().default('http://localhost:3000'),
  afterLoginPath: Joi.string().pattern(/^\//).default('/me'),
  trustedProxies: Joi.array()
    .items(Joi.string().ip({ cidr: 'forbidden' }))
    .default([]),
  sso: Joi.array()
    // Chosen by `kind`, so errors name the right provider's missing key.
    // biome-ignore lint/suspicious/noThenProperty: joi's conditional() takes `then`
    .items(Joi.alternatives().conditional('.kind', { is: 'oidc', then: oidc, otherwise: shandong }))
    .unique('id')
    .default([]),
});
