import hello from '@kaifang/plugin-hello';
import { defineConfig } from '@kaifang/sdk';
import dezhouTheme from '@kaifang/theme-dezhou';

/**
 * The Dezhou deployment: the plugins it runs, their options, and its theme.
 * Environment: DATABASE_URL (else the embedded PostgreSQL in $KAIFANG_DATA_DIR/pg), PORT.
 */
export default defineConfig({
  site: {
    name: { zh: '德州市公共数据开放网', en: 'Dezhou Public Data Open Platform' },
    contact: { phone: '0534-2688110', email: 'sjkf@dezhou.gov.cn' },
    licenseUrl: '/license',
  },
  theme: dezhouTheme,
  plugins: [hello.configure({ salutation: '您好' })],
});
