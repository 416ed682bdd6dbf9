/**
 * Settings Dezhou keeps out of the repository: the Shandong unified identity platform's
 * credentials, the mail server and OpenSearch. Without them the portal runs with local accounts
 * only, review notices go to the message centre only, and search runs in PostgreSQL.
 */
import type { ShandongProviderOptions } from '@kaifang/plugin-auth-sso';

export function shandongSso(): ShandongProviderOptions[] {
  const {
    SHANDONG_SSO_BASE_URL: base,
    SHANDONG_SSO_APP_ID: appId,
    SHANDONG_SSO_APP_KEY: appKey,
  } = process.env;
  const appSecret = process.env.SHANDONG_SSO_APP_SECRET;
  if (!base || !appId || !appKey || !appSecret) return [];
  return [
    {
      id: 'shandong',
      kind: 'shandong',
      label: { zh: '山东省统一身份认证登录', en: 'Shandong unified identity' },
      loginUrl: `${base}/login`,
      tokenUrl: `${base}/ticket/token`,
      userInfoUrl: `${base}/user/info`,
      appId,
      appKey,
      appSecret,
    },
  ];
}

export function smtp() {
  const {
    SMTP_HOST: host,
    SMTP_PORT: port,
    SMTP_USER: user,
    SMTP_PASS: pass,
    SMTP_FROM: from,
  } = process.env;
  if (!host || !from) return undefined;
  return {
    host,
    port: Number(port ?? 587),
    secure: process.env.SMTP_SECURE === 'true',
    from,
    ...(user && pass ? { auth: { user, pass } } : {}),
  };
}

export function catalogSearch() {
  const url = process.env.OPENSEARCH_URL;
  return url
    ? {
        engine: 'opensearch' as const,
        opensearch: { url, index: 'dezhou-datasets', timeout: 3000 },
      }
    : { engine: 'postgres' as const };
}
