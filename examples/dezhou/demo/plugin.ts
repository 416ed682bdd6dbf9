import { definePlugin } from '@kaifang/sdk';
import { DEZHOU_CONTENT } from './index.ts';

/**
 * Loads the Dezhou demo catalogue on start. Idempotent: only organisations and datasets that
 * are missing (by code and identifier) are created, so admins' edits survive restarts.
 */
export default definePlugin({
  name: 'dezhou-demo',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Demo organisations and datasets of the Dezhou portal',
  requires: { catalog: '^0.1.0' },
  async start(ctx) {
    const result = await ctx.plugins.catalog!.importContent(DEZHOU_CONTENT);
    if (result.datasets.created > 0 || result.organisations.created > 0)
      ctx.logger.info(result, 'demo catalogue loaded');
  },
});
