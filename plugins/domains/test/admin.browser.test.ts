/**
 * The domains admin page in a real portal: real kernel, auth-sso, domains with the Dezhou
 * scenarios, a stand-in for the catalog's dataset counts, the default theme, chromium. A
 * platform admin opens /admin/domains from the 工作台, adds a scenario after a refused attempt,
 * changes its order and deletes it; a provider admin is refused.
 */
import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEZHOU_SCENARIOS } from '../../../examples/dezhou/scenarios.ts';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  saveScreenshot,
  signInBrowser,
  testCopyOf,
  waitForShell,
} from '../../../tests/browser/helpers.ts';
import defaultTheme from '../../../themes/default/theme.ts';
import auth from '../../auth-sso/src/plugin.ts';
import domains from '../src/plugin.ts';

/** Stands in for the catalog: published dataset counts through the hook. */
const counter = definePlugin({
  name: 'counter',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { domains: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.domains!.datasetCounts.tapPromise(ctx.name, async (counts) => {
      counts.set('transport', 12);
      counts.set('epidemic', 3);
      return counts;
    });
  },
});

/** Browser errors other than the failed requests a refused write logs. */
const unexpected = (errors: string[]) =>
  errors.filter((error) => !/status of (400|403|409)/.test(error));

describe('the domains admin page', () => {
  let test: TestKernel;
  let browser: Browser;

  const stored = async (code: string) => {
    const answer = await test.inject(`/api/v1/domains/${code}`);
    return answer.statusCode === 200 ? answer.json() : undefined;
  };

  beforeAll(async () => {
    test = await createTestKernel({
      listen: true,
      theme: testCopyOf(defaultTheme, 'domains-admin'),
      plugins: [
        auth.configure({
          cookieSecure: false,
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        }),
        domains.configure({
          scenarios: [...DEZHOU_SCENARIOS],
          extra: [
            {
              code: 'canal-culture',
              name: { zh: '运河文化', en: 'Canal Culture' },
              icon: 'map',
              order: 200,
            },
          ],
        }),
        counter,
      ],
    });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('lets a platform admin add a scenario after a refused attempt, reorder it and delete it', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { realName: '李慧', roles: ['user', 'platform-admin'] });
      await page.goto(test.url);
      await waitForShell(page);
      const menu = page.locator('kf-user-menu');
      await menu.getByRole('button', { name: '工作台' }).click();
      await menu.getByRole('link', { name: '数据领域管理' }).click();
      await page.waitForURL('**/admin/domains');

      const admin = page.locator('kf-domain-admin');
      await expect.poll(() => renderedText(admin), { timeout: 30_000 }).toContain('信用服务');
      const text = await renderedText(admin);
      expect(text).toContain('数据领域管理');
      for (const expected of ['教育科技', 'Credit Services', '运河文化', '疫情', 'Traffic'])
        expect(text).toContain(expected);
      const domainsTable = admin.locator('table[part="domains"]');
      const scenariosTable = admin.locator('table[part="scenarios"]');
      expect(await domainsTable.locator('tbody tr').count()).toBe(20);
      expect(await scenariosTable.locator('tbody tr').count()).toBe(DEZHOU_SCENARIOS.length);

      // The published dataset count and the served icon of a row.
      const transport = domainsTable.getByRole('row', { name: /交通出行/ });
      expect(await renderedText(transport)).toMatch(/transport .*bus 12/);
      const icon = transport.locator('img[src="/api/v1/domains/icons/bus.svg"]');
      await expect
        .poll(() => icon.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);

      // Base domains cannot be deleted: no button; the deployment's own can.
      expect(await admin.getByRole('button', { name: '删除 交通出行' }).count()).toBe(0);
      expect(await admin.getByRole('button', { name: '编辑 交通出行' }).count()).toBe(1);
      expect(await admin.getByRole('button', { name: '删除 运河文化' }).count()).toBe(1);
      expect(await admin.getByRole('button', { name: '删除 疫情' }).count()).toBe(1);
      await expectNoSeriousA11yViolations(page);

      // A scenario without names: the message under the field, the input kept.
      await admin.getByRole('button', { name: '添加应用场景' }).click();
      const code = admin.getByLabel('代码');
      await expect
        .poll(() => code.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
        .toBe(true);
      await code.fill('night-economy');
      expect(await admin.getByLabel('类别').inputValue()).toBe('scenario');
      await admin.getByLabel('图标', { exact: true }).selectOption('chart');
      await admin.getByRole('button', { name: '添加', exact: true }).click();
      const zh = admin.getByLabel('中文名称');
      await expect.poll(() => zh.getAttribute('aria-invalid')).toBe('true');
      const note = await zh.getAttribute('aria-describedby');
      expect(note).toBe('error-name-zh');
      expect(await renderedText(admin.locator(`#${note}`))).toBe('“name.zh”不能为空');
      expect(await renderedText(admin.getByRole('alert'))).toBe('未能保存： 请修改标出的字段。');
      expect(await admin.getByLabel('英文名称').getAttribute('aria-invalid')).toBe('true');
      expect(await code.inputValue()).toBe('night-economy');
      expect(await admin.getByLabel('图标', { exact: true }).inputValue()).toBe('chart');
      expect(await stored('night-economy')).toBeUndefined();
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'domains-admin-refused');

      await zh.fill('夜间经济');
      await admin.getByLabel('英文名称').fill('Night Economy');
      await admin.getByLabel('排序').fill('150');
      await admin.getByRole('button', { name: '添加', exact: true }).click();
      await expect.poll(() => renderedText(admin)).toContain('已添加“夜间经济”。');
      expect(await stored('night-economy')).toMatchObject({
        kind: 'scenario',
        name: '夜间经济',
        nameEn: 'Night Economy',
        iconName: 'chart',
        order: 150,
      });
      await expect
        .poll(() => scenariosTable.locator('tbody tr').count())
        .toBe(DEZHOU_SCENARIOS.length + 1);
      expect(await renderedText(scenariosTable.locator('tbody tr').last())).toContain('夜间经济');

      // Reorder it: first among the scenarios.
      await admin.getByRole('button', { name: '编辑 夜间经济' }).click();
      await expect.poll(() => renderedText(admin.locator('form'))).toContain('编辑“夜间经济”');
      expect(await admin.getByLabel('代码').count()).toBe(0); // codes are fixed
      await admin.getByLabel('排序').fill('5');
      await admin.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => renderedText(admin)).toContain('已保存“夜间经济”。');
      expect((await stored('night-economy')).order).toBe(5);
      await expect
        .poll(() => renderedText(scenariosTable.locator('tbody tr').first()))
        .toContain('夜间经济');
      await saveScreenshot(page, 'domains-admin');

      // A scenario with published datasets: the server's refusal as an alert.
      await admin.getByRole('button', { name: '删除 疫情' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByRole('button', { name: '删除' }).click();
      await expect
        .poll(() => renderedText(admin.getByRole('alert')))
        .toContain("'epidemic' still has 3 published datasets");
      expect(await stored('epidemic')).toBeDefined();

      // Deleting asks first; cancelling keeps it.
      await admin.getByRole('button', { name: '删除 夜间经济' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(true);
      expect(await renderedText(dialog)).toContain('删除“夜间经济”？');
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      expect(await stored('night-economy')).toBeDefined();
      await admin.getByRole('button', { name: '删除 夜间经济' }).click();
      await dialog.getByRole('button', { name: '删除' }).click();
      await expect.poll(() => renderedText(admin)).toContain('已删除“夜间经济”。');
      expect(await stored('night-economy')).toBeUndefined();
      expect(await scenariosTable.locator('tbody tr').count()).toBe(DEZHOU_SCENARIOS.length);
      expect(unexpected(tab.errors)).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('speaks English when the page is in English', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { roles: ['user', 'platform-admin'] });
      await page.addInitScript(() => localStorage.setItem('kaifang.locale', 'en'));
      await page.goto(`${test.url}/admin/domains`);
      const admin = page.locator('kf-domain-admin');
      await expect
        .poll(() => renderedText(admin), { timeout: 30_000 })
        .toContain('Credit Services');
      const text = await renderedText(admin);
      expect(text).toContain('Domains and scenarios');
      expect(text).toContain('Published datasets');
    } finally {
      await tab.close();
    }
  });

  it('refuses a provider admin, with the reason', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { realName: '王晓明', roles: ['user', 'provider-admin'] });
      await page.goto(`${test.url}/admin/domains`);
      const admin: Locator = page.locator('kf-domain-admin');
      await expect.poll(() => renderedText(admin), { timeout: 30_000 }).toContain('信用服务');
      await admin.getByRole('button', { name: '添加领域' }).click();
      await admin.getByLabel('代码').fill('port-logistics');
      await admin.getByLabel('中文名称').fill('港口物流');
      await admin.getByLabel('英文名称').fill('Port Logistics');
      await admin.getByRole('button', { name: '添加', exact: true }).click();
      await expect
        .poll(() => renderedText(admin.getByRole('alert')))
        .toContain('只有平台管理员可以管理数据领域和应用场景。');
      expect(await admin.getByLabel('代码').inputValue()).toBe('port-logistics');
      expect(await stored('port-logistics')).toBeUndefined();
      // Nor did the menu offer the page.
      await page.goto(test.url);
      await waitForShell(page);
      const menu = page.locator('kf-user-menu');
      await expect.poll(() => renderedText(menu)).toContain('王晓明');
      expect(await menu.getByRole('link', { name: '数据领域管理' }).count()).toBe(0);
    } finally {
      await tab.close();
    }
  });
});
