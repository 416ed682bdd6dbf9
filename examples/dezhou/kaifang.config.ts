import authSso from '@kaifang/plugin-auth-sso';
import hello from '@kaifang/plugin-hello';
import review from '@kaifang/plugin-review';
import { defineConfig } from '@kaifang/sdk';
import dezhouTheme from '@kaifang/theme-dezhou';
import { shandongSso, smtp } from './environment.ts';

/**
 * The Dezhou deployment: the plugins it runs, their options, and its theme.
 * Environment: DATABASE_URL (else the embedded PostgreSQL in $KAIFANG_DATA_DIR/pg), PORT,
 * KAIFANG_PUBLIC_URL, KAIFANG_ADMIN_PASSWORD, and the optional SSO and SMTP settings read in
 * ./environment.ts.
 */
const publicUrl = process.env.KAIFANG_PUBLIC_URL ?? 'http://localhost:3000';

export default defineConfig({
  site: {
    name: { zh: '德州市公共数据开放网', en: 'Dezhou Public Data Open Platform' },
    contact: { phone: '0534-2688110', email: 'sjkf@dezhou.gov.cn' },
    licenseUrl: '/license',
  },
  theme: dezhouTheme,
  plugins: [
    authSso.configure({ publicUrl, sso: shandongSso() }),
    review.configure({ smtp: smtp(), portalUrl: publicUrl }),
    hello.configure({ salutation: '您好' }),
  ],
});
