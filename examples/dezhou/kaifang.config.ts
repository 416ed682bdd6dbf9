import authSso from '@kaifang/plugin-auth-sso';
import catalog from '@kaifang/plugin-catalog';
import dataSecurity from '@kaifang/plugin-data-security';
import datastore from '@kaifang/plugin-datastore';
import domains from '@kaifang/plugin-domains';
import hello from '@kaifang/plugin-hello';
import review from '@kaifang/plugin-review';
import { defineConfig } from '@kaifang/sdk';
import dezhouTheme from '@kaifang/theme-dezhou';
import dezhouDemo from './demo/plugin.ts';
import { catalogSearch, shandongSso, smtp } from './environment.ts';
import { DEZHOU_SCENARIOS } from './scenarios.ts';

/**
 * The Dezhou deployment: the plugins it runs, their options, and its theme.
 * Environment: DATABASE_URL (else the embedded PostgreSQL in $KAIFANG_DATA_DIR/pg), PORT,
 * KAIFANG_PUBLIC_URL, KAIFANG_ADMIN_PASSWORD, and the optional SSO, SMTP and OpenSearch
 * settings read in ./environment.ts.
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
    domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
    catalog.configure({ search: catalogSearch(), dcat: { publicUrl } }),
    // The demo catalogue: created on first start, only what is missing afterwards.
    dezhouDemo,
    // Generated rows for every published demo dataset, so preview, records and downloads work.
    datastore.configure({ demoData: true }),
    // Sensitive columns are masked at ingest; publication goes through a security review.
    dataSecurity.configure({ reviewWorkdays: 5 }),
    hello.configure({ salutation: '您好' }),
  ],
});
