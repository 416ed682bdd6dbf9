import authSso from '@kaifang/plugin-auth-sso';
import { createUser, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { definePlugin, ManualClock } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import review, { type ReviewApi, type ReviewItemView } from '../src/plugin.ts';
import { startMailServer } from './support/mail.ts';

const ORG_A = 'org-a';
const ORG_B = 'org-b';

/** A plugin that owns two review kinds, as catalog or api-management would. */
function probe() {
  const approved: string[] = [];
  let api: ReviewApi | undefined;
  let permissions: string[] = [];
  const decisions: string[] = [];
  const plugin = definePlugin({
    name: 'probe',
    version: '0.1.0',
    kernel: '^0.1.0',
    requires: { review: '^0.1.0', 'auth-sso': '^0.1.0' },
    register(ctx) {
      ctx.pluginHooks.review!.declareKinds.tap(ctx.name, (registry) => {
        registry.declare({
          name: 'probe.data-application',
          label: { zh: '有条件开放数据申请', en: 'Conditional data application' },
          reviewers: { organisationAdmins: true },
          workdays: 5,
          fields: [
            {
              name: 'validUntil',
              label: { zh: '有效期至', en: 'Valid until' },
              type: 'date',
              required: true,
            },
            { name: 'renewable', label: { zh: '可续期', en: 'Renewable' }, type: 'boolean' },
          ],
          dataFields: [
            { name: 'dataset', label: { zh: '申请数据集', en: 'Dataset' } },
            { name: 'reason', label: { zh: '申请理由', en: 'Reason' } },
            { name: 'contactPhone', label: { zh: '联系电话', en: 'Contact phone' } },
            {
              name: 'usage',
              label: { zh: '使用场景', en: 'Use' },
              values: {
                research: { zh: '科学研究', en: 'Research' },
                business: { zh: '商业开发', en: 'Business' },
              },
            },
            { name: 'signed', label: { zh: '已签署协议', en: 'Agreement signed' } },
          ],
          describe: (data) => `申请使用：${String(data.dataset)}`,
          onApprove: async ({ item }) => {
            approved.push(item.id);
          },
        });
        registry.declare({
          name: 'probe.app-submission',
          label: { zh: '数据应用提交', en: 'App submission' },
          reviewers: { role: 'platform-admin' },
          workdays: 3,
        });
      });
      ctx.pluginHooks.review!.decided.tapPromise(ctx.name, async (event) => {
        decisions.push(`${event.item.kind}:${event.decision}`);
      });
    },
    start(ctx) {
      api = ctx.plugins.review!;
      permissions = ctx.plugins['auth-sso']!.permissions().map((permission) => permission.name);
    },
  });
  return { plugin, approved, decisions, api: () => api!, permissions: () => permissions };
}

describe('review plugin over HTTP', () => {
  const clock = new ManualClock('2025-09-30T10:00:00+08:00');
  const owner = probe();
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let test: TestKernel;
  type Headers = Record<string, string>;
  let applicant: Headers;
  let applicantId: string;
  let quiet: Headers;
  let quietId: string;
  let adminA: Headers;
  let adminB: Headers;
  let adminBId: string;
  let platform: Headers;
  let platformEmail: string;
  let applicantEmail: string;
  let quietEmail: string;

  const get = (url: string, headers: Record<string, string>) => test.inject({ url, headers });
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    test.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const submitData = (who = applicantId) =>
    owner.api().submit({
      kind: 'probe.data-application',
      targetId: 'dataset-42',
      targetOrganisationId: ORG_B,
      applicantId: who,
      data: { dataset: '企业登记信息', reason: '科研' },
    });

  beforeAll(async () => {
    mail = await startMailServer();
    test = await createTestKernel({
      clock,
      plugins: [
        authSso.configure({
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
          // The test moves the clock weeks ahead; sessions must outlive that.
          session: { idleSeconds: 90 * 86_400, absoluteSeconds: 90 * 86_400 },
        }),
        review.configure({
          smtp: {
            host: '127.0.0.1',
            port: mail.port,
            secure: false,
            from: 'noreply@example.gov.cn',
          },
          portalUrl: 'https://data.example.gov.cn',
        }),
        owner.plugin,
      ],
    });
    const asApplicant = await loginAs(test, { realName: '张三', verified: true });
    ({ headers: applicant } = asApplicant);
    applicantId = asApplicant.user.id;
    applicantEmail = asApplicant.user.email;
    const asQuiet = await loginAs(test, {});
    ({ headers: quiet } = asQuiet);
    quietId = asQuiet.user.id;
    quietEmail = asQuiet.user.email;
    ({ headers: adminA } = await loginAs(test, {
      roles: ['provider-admin'],
      organisationId: ORG_A,
    }));
    const asAdminB = await loginAs(test, { roles: ['provider-admin'], organisationId: ORG_B });
    adminB = asAdminB.headers;
    adminBId = asAdminB.user.id;
    const asPlatform = await loginAs(test, await createUser(test, { roles: ['platform-admin'] }));
    platform = asPlatform.headers;
    platformEmail = asPlatform.user.email;
    // The quiet applicant asks that processing of their data stop (U3).
    const stop = await test.inject({
      method: 'PUT',
      url: '/api/v1/me/processing-stop',
      headers: quiet,
      payload: { stopped: true },
    });
    expect(stop.statusCode).toBe(200);
  });
  afterAll(async () => {
    await test?.close();
    await mail?.close();
  });

  it('answers the public deadline calculator, and 400 on a bad date naming the field', async () => {
    const ok = await test.inject('/api/v1/calendar/deadline?from=2025-09-30&workdays=5');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      deadline: '2025-10-14',
      dueAt: '2025-10-14T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      fallback: false,
    });
    const weekend = await test.inject('/api/v1/calendar/deadline?from=2025-11-13&workdays=2');
    expect(weekend.json().deadline).toBe('2025-11-17');
    const bad = await test.inject('/api/v1/calendar/deadline?from=2025-02-30&workdays=5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('"from" must be a real date written YYYY-MM-DD');
    const fallback = await test.inject('/api/v1/calendar/deadline?from=2031-09-30&workdays=5');
    expect(fallback.json()).toMatchObject({ fallback: true, fallbackYears: [2031] });
    expect(fallback.json().note).toContain('2031');
  });

  it('lets a platform admin publish a year the package lacks; others are refused', async () => {
    const days = [
      { date: '2031-10-01', workday: false, name: '国庆节' },
      { date: '2031-10-02', workday: false, name: '国庆节' },
    ];
    const refused = await test.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      headers: adminA,
      payload: { days },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('review.calendar.manage');
    const put = await test.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      headers: platform,
      payload: { days, source: '国办发明电〔2030〕7号' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ year: 2031, source: 'admin', specialDays: days });
    const after = await test.inject('/api/v1/calendar/deadline?from=2031-09-30&workdays=1');
    expect(after.json()).toMatchObject({ deadline: '2031-10-03', fallback: false });
    expect(owner.permissions()).toContain('review.calendar.manage');
    expect(owner.api().kinds()).toContainEqual(
      expect.objectContaining({ name: 'probe.data-application', workdays: 5, plugin: 'probe' }),
    );
  });

  it('computes the item deadline across National Day and refuses another organisation’s reviewer', async () => {
    const item = await submitData();
    expect(item).toMatchObject({
      state: 'submitted',
      deadline: '2025-10-14',
      dueAt: '2025-10-14T16:00:00.000Z',
      title: '申请使用：企业登记信息',
      overdue: false,
    });
    const inboxA = await get('/api/v1/reviews', adminA);
    expect(inboxA.json()).toEqual({ items: [], total: 0, scope: 'reviewable' });
    const inboxB = await get('/api/v1/reviews?kind=probe.data-application', adminB);
    expect(inboxB.json().items.map((i: ReviewItemView) => i.id)).toEqual([item.id]);

    const read = await get(`/api/v1/reviews/${item.id}`, adminA);
    expect(read.statusCode).toBe(403);
    expect(read.json().message).toBe(
      `review item ${item.id} is not yours, and 'probe.data-application' items of organisation ${ORG_B} are reviewed by that organisation's admins, not by organisation ${ORG_A}'s`,
    );
    const decide = await post(`/api/v1/reviews/${item.id}/decision`, adminA, {
      decision: 'approve',
      fields: { validUntil: '2026-12-31' },
    });
    expect(decide.statusCode).toBe(403);
    expect(decide.json().message).toContain(`admins of organisation ${ORG_B}`);
    const guest = await test.inject(`/api/v1/reviews/${item.id}`);
    expect(guest.statusCode).toBe(401);
  });

  it('walks every transition, refuses an invalid one, and tells the applicant each outcome', async () => {
    clock.advance(60_000); // a minute after the previous item, so "mine" has a clear order
    const item = await submitData();
    const url = `/api/v1/reviews/${item.id}`;
    expect((await post(`${url}/claim`, adminB)).json()).toMatchObject({
      state: 'in_review',
      reviewerId: adminBId,
    });

    const noRemark = await post(`${url}/decision`, adminB, { decision: 'return' });
    expect(noRemark.statusCode).toBe(400);
    expect(noRemark.json().message).toContain('"remark" is required to return');
    const returned = await post(`${url}/decision`, adminB, {
      decision: 'return',
      remark: '请补充单位证明材料',
    });
    expect(returned.json()).toMatchObject({ state: 'returned', remark: '请补充单位证明材料' });

    const invalid = await post(`${url}/decision`, adminB, { decision: 'approve' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toBe(
      'cannot approve an item that is returned; only an item that is in_review can be',
    );
    const badDecision = await post(`${url}/decision`, adminB, { decision: 'maybe' });
    expect(badDecision.json().message).toContain(
      '"decision" must be one of [approve, reject, return]',
    );

    clock.set('2025-10-09T10:00:00+08:00'); // Thu 9 Oct: a new limit, counted from Fri 10 Oct.
    const resubmitted = await post(`${url}/resubmit`, applicant, {
      data: { dataset: '企业登记信息', reason: '科研，附证明' },
    });
    expect(resubmitted.json()).toMatchObject({
      state: 'resubmitted',
      deadline: '2025-10-15',
      remark: null,
    });
    expect((await post(`${url}/resubmit`, applicant)).statusCode).toBe(400);

    const missingField = await post(`${url}/decision`, adminB, { decision: 'approve' });
    expect(missingField.json().message).toBe('"fields.validUntil" is required to approve');
    const approved = await post(`${url}/decision`, adminB, {
      decision: 'approve',
      remark: '同意',
      fields: { validUntil: '2026-12-31', renewable: false },
    });
    expect(approved.json()).toMatchObject({
      state: 'approved',
      fields: { validUntil: '2026-12-31' },
      overdue: false,
    });
    expect(owner.approved).toEqual([item.id]);

    const applicantView = (await get(url, applicant)).json();
    expect(applicantView.canDecide).toBe(false);
    // The values given with the decision, labelled like the submitted data, in the kind's order.
    const decisionEntries = [
      {
        name: 'validUntil',
        label: { zh: '有效期至', en: 'Valid until' },
        value: '2026-12-31',
        text: { zh: '2026-12-31', en: '2026-12-31' },
      },
      {
        name: 'renewable',
        label: { zh: '可续期', en: 'Renewable' },
        value: false,
        text: { zh: '否', en: 'no' },
      },
    ];
    expect(applicantView.decisionEntries).toEqual(decisionEntries);
    expect((await get(url, adminB)).json().decisionEntries).toEqual(decisionEntries);
    expect((await get(url, adminB)).json().canDecide).toBe(true);
    const history = applicantView.history as {
      action: string;
      to: string;
      at: string;
    }[];
    expect(history.map((entry) => `${entry.action}:${entry.to}`)).toEqual([
      'submit:submitted',
      'claim:in_review',
      'return:returned',
      'resubmit:resubmitted',
      'claim:in_review',
      'approve:approved',
    ]);
    expect(history[3]!.at).toBe('2025-10-09T02:00:00.000Z');

    // A platform-reviewed kind, rejected straight from "submitted", an hour later.
    clock.advance(60 * 60 * 1000);
    const app = await owner.api().submit({
      kind: 'probe.app-submission',
      targetId: 'app-7',
      applicantId,
      data: { title: '德州公交实时查询' },
    });
    expect(
      (
        await post(`/api/v1/reviews/${app.id}/decision`, adminB, {
          decision: 'reject',
          remark: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const rejected = await post(`/api/v1/reviews/${app.id}/decision`, platform, {
      decision: 'reject',
      remark: '截图不清晰，无法核实',
    });
    expect(rejected.json()).toMatchObject({ state: 'rejected', remark: '截图不清晰，无法核实' });
    expect((await get(`/api/v1/reviews/${app.id}`, applicant)).json().decisionEntries).toEqual([]);

    const messages = (await get('/api/v1/messages', applicant)).json();
    expect(messages.unread).toBe(3);
    expect(messages.items.map((m: { title: string }) => m.title)).toEqual([
      '【审核未通过】德州公交实时查询',
      '【审核通过】申请使用：企业登记信息',
      '【退回补正】申请使用：企业登记信息',
    ]);
    expect(messages.items[0].body).toContain('审核意见：截图不清晰，无法核实');
    expect(owner.decisions).toEqual([
      'probe.data-application:return',
      'probe.data-application:approve',
      'probe.app-submission:reject',
    ]);
    const mine = (await get('/api/v1/reviews/mine', applicant)).json();
    expect(mine.items.map((i: ReviewItemView) => i.state)).toEqual([
      'rejected',
      'approved',
      'submitted',
    ]);
  });

  it('e-mails the outcome over SMTP, in Chinese, unless the applicant stopped processing', async () => {
    const stopped = await submitData(quietId);
    await post(`/api/v1/reviews/${stopped.id}/decision`, adminB, {
      decision: 'reject',
      remark: '用途不明确',
    });
    const received = await mail.waitFor(applicantEmail, (m) => m.subject.includes('审核未通过'));
    expect(received.subject).toBe('【审核未通过】德州公交实时查询');
    expect(received.text).toContain('张三，您好');
    expect(received.text).toContain('审核意见：截图不清晰，无法核实');
    expect(received.text).toContain('https://data.example.gov.cn/reviews/');
    // The quiet applicant's notice is in their message centre, never in a mailbox.
    await mail.waitFor(applicantEmail, (m) => m.subject.includes('审核通过'));
    expect(mail.received.some((m) => m.to.includes(quietEmail))).toBe(false);
    expect((await get('/api/v1/messages/unread-count', quiet)).json()).toEqual({ unread: 1 });
  });

  it('keeps each user’s messages to themselves and marks them read', async () => {
    const { items } = (await get('/api/v1/messages', applicant)).json();
    expect((await post(`/api/v1/messages/${items[0].id}/read`, adminB)).statusCode).toBe(404);
    const read = await post(`/api/v1/messages/${items[0].id}/read`, applicant);
    expect(read.json()).toMatchObject({
      id: items[0].id,
      read: true,
      readAt: clock.now().toISOString(),
    });
    expect((await get('/api/v1/messages/unread-count', applicant)).json()).toEqual({ unread: 2 });
    expect((await get('/api/v1/messages?unread=true', applicant)).json().items).toHaveLength(2);
  });

  it('flags overdue items by the clock, reminds reviewers of those due soon, reports overdue to platform admins', async () => {
    clock.set('2025-10-13T09:00:00+08:00'); // Mon 13 Oct
    const first = (await get('/api/v1/reviews', adminB)).json().items as ReviewItemView[];
    const pending = first.find((i) => i.state === 'submitted')!;
    expect(pending).toMatchObject({ deadline: '2025-10-14', overdue: false, workdaysLeft: 2 });

    const sweep = await owner.api().runDailySweep();
    expect(sweep).toMatchObject({ dueSoon: 1, overdue: 0 });
    const reminder = (await get('/api/v1/messages', adminB)).json().items[0];
    expect(reminder.title).toBe('【即将到期】1 件待审核事项将在一个工作日内到期');
    expect(reminder.body).toContain('2025年10月14日');
    expect((await owner.api().runDailySweep()).dueSoon).toBe(0); // not twice the same day

    clock.set('2025-10-15T00:00:01+08:00'); // 14 Oct has ended in Shanghai
    const overdue = (await get('/api/v1/reviews?overdue=true', adminB)).json();
    expect(overdue.items.map((i: ReviewItemView) => i.id)).toEqual([pending.id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, workdaysLeft: 0 });
    expect(
      (await get('/api/v1/reviews?overdue=false', adminB))
        .json()
        .items.map((i: ReviewItemView) => i.id),
    ).not.toContain(pending.id);

    expect(await owner.api().runDailySweep()).toMatchObject({ overdue: 1 });
    const report = (await get('/api/v1/messages', platform)).json().items[0];
    expect(report.title).toBe('【逾期通报】1 件审核事项已超过办理期限');
    expect(report.body).toContain(pending.id);
    await mail.waitFor(platformEmail, (m) => m.subject.includes('逾期通报'));
  });

  it('submits inside the caller’s transaction, and lets one of two racing reviewers win', async () => {
    const em = test.kernel.orm.em.fork();
    await expect(
      em.transactional(async (tx) => {
        await owner
          .api()
          .submit(
            { kind: 'probe.app-submission', targetId: 'app-rolled-back', applicantId },
            { em: tx },
          );
        throw new Error('the owning plugin failed after submitting');
      }),
    ).rejects.toThrow('the owning plugin failed');
    const [row] = await em
      .getConnection()
      .execute(`select count(*)::int as n from review_item where target_id = 'app-rolled-back'`);
    expect(row).toEqual({ n: 0 });

    const item = await owner
      .api()
      .submit({ kind: 'probe.app-submission', targetId: 'app-9', applicantId });
    const url = `/api/v1/reviews/${item.id}/decision`;
    const answers = await Promise.all([
      post(url, platform, { decision: 'approve' }),
      post(url, platform, { decision: 'reject', remark: '重复' }),
    ]);
    const codes = answers.map((answer) => answer.statusCode).sort();
    expect(codes[0]).toBe(200);
    // The loser either lost the conditional update (409) or read the decided state (400).
    expect([400, 409]).toContain(codes[1]);
  });

  it('answers bad input with a 400 naming the field', async () => {
    expect((await get('/api/v1/reviews?state=done', adminB)).json().message).toContain(
      '"state" must be one of',
    );
    expect((await get('/api/v1/reviews/not-a-uuid', adminB)).json().message).toContain(
      '"id" must be a valid GUID',
    );
    expect((await get('/api/v1/reviews?kind=nope', adminB)).json().message).toContain(
      '"kind" \'nope\' is not a registered review kind',
    );
    await expect(
      owner.api().submit({ kind: 'probe.data-application', targetId: 't', applicantId: 'u' }),
    ).rejects.toThrow('"targetOrganisationId" is required');
  });

  it('shows a platform admin every kind’s items to view, and lets them decide only the kinds they review', async () => {
    const data = await submitData(); // reviewed by organisation B's admins, not by platform admins
    const app = await owner
      .api()
      .submit({ kind: 'probe.app-submission', targetId: 'app-11', applicantId });
    const ids = (body: { items: ReviewItemView[] }) => body.items.map((i) => i.id);

    const all = (await get('/api/v1/reviews', platform)).json();
    expect(all.scope).toBe('all');
    expect(ids(all)).toEqual(expect.arrayContaining([data.id, app.id]));
    const byId = new Map(all.items.map((i: ReviewItemView) => [i.id, i]));
    expect(byId.get(data.id)).toMatchObject({ canDecide: false });
    expect(byId.get(app.id)).toMatchObject({ canDecide: true });
    const ofKind = (await get('/api/v1/reviews?kind=probe.data-application', platform)).json();
    expect(ids(ofKind)).toContain(data.id);
    const reviewable = (await get('/api/v1/reviews?scope=reviewable', platform)).json();
    expect(reviewable.scope).toBe('reviewable');
    expect(ids(reviewable)).toContain(app.id);
    expect(ids(reviewable)).not.toContain(data.id);

    // The kinds the inbox page offers: all of them, saying which the admin decides.
    const kinds = (await get('/api/v1/reviews/kinds', platform)).json();
    expect(kinds.canViewAll).toBe(true);
    expect(
      kinds.items.map((k: { name: string; reviewable: boolean }) => [k.name, k.reviewable]),
    ).toEqual([
      ['probe.data-application', false],
      ['probe.app-submission', true],
    ]);

    // Viewing is allowed; acting stays with organisation B's admins.
    const read = await get(`/api/v1/reviews/${data.id}`, platform);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: data.id, canDecide: false, isApplicant: false });
    const claim = await post(`/api/v1/reviews/${data.id}/claim`, platform);
    expect(claim.statusCode).toBe(403);
    expect(claim.json().message).toBe(
      `you may not review this item: 'probe.data-application' items are reviewed by the admins of organisation ${ORG_B}`,
    );
    const decide = await post(`/api/v1/reviews/${data.id}/decision`, platform, {
      decision: 'reject',
      remark: '越权',
    });
    expect(decide.statusCode).toBe(403);
    expect((await owner.api().get(data.id))?.state).toBe('submitted');
  });

  it('keeps department reviewers and plain users to what is theirs', async () => {
    const data = await submitData();
    const app = await owner
      .api()
      .submit({ kind: 'probe.app-submission', targetId: 'app-12', applicantId });
    const ids = (body: { items: ReviewItemView[] }) => body.items.map((i) => i.id);

    // Organisation B's admin: their organisation's items of their kind, nothing else.
    const inboxB = (await get('/api/v1/reviews', adminB)).json();
    expect(inboxB.scope).toBe('reviewable');
    expect(ids(inboxB)).toContain(data.id);
    expect(ids(inboxB)).not.toContain(app.id);
    expect(inboxB.items.every((i: ReviewItemView) => i.canDecide)).toBe(true);
    const otherKind = await get(`/api/v1/reviews/${app.id}`, adminB);
    expect(otherKind.statusCode).toBe(403);
    expect(otherKind.json().message).toBe(
      `review item ${app.id} is not yours and you do not review its kind 'probe.app-submission'`,
    );
    const kindsB = (await get('/api/v1/reviews/kinds', adminB)).json();
    expect(kindsB).toMatchObject({
      canViewAll: false,
      items: [{ name: 'probe.data-application', reviewable: true }],
    });
    const allB = await get('/api/v1/reviews?scope=all', adminB);
    expect(allB.statusCode).toBe(403);
    expect(allB.json().message).toContain('"scope" all lists every review item');
    expect(allB.json().message).toContain('platform admins');

    // Organisation A's admin reviews the same kind, but not organisation B's items.
    expect(ids((await get('/api/v1/reviews', adminA)).json())).not.toContain(data.id);

    // A plain user has no inbox and cannot open someone else's item.
    expect((await get('/api/v1/reviews', quiet)).json()).toEqual({
      items: [],
      total: 0,
      scope: 'reviewable',
    });
    expect((await get('/api/v1/reviews?scope=all', quiet)).statusCode).toBe(403);
    const notTheirs = await get(`/api/v1/reviews/${data.id}`, quiet);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().message).toBe(
      `review item ${data.id} is not yours and you do not review its kind 'probe.data-application'`,
    );
    expect(notTheirs.json().message).not.toContain('may not review');
    expect((await get('/api/v1/reviews/kinds', quiet)).json()).toEqual({
      canViewAll: false,
      items: [],
    });
    expect((await get('/api/v1/reviews?scope=everything', platform)).json().message).toContain(
      '"scope" must be one of [all, reviewable]',
    );
    // …while the applicant opens their own.
    expect((await get(`/api/v1/reviews/${data.id}`, applicant)).json()).toMatchObject({
      isApplicant: true,
      canDecide: false,
    });
  });

  it('labels the submitted data with the kind’s labels, falling back to the key', async () => {
    const item = await owner.api().submit({
      kind: 'probe.data-application',
      targetId: 'dataset-43',
      targetOrganisationId: ORG_B,
      applicantId,
      data: {
        reason: '城市交通研究',
        dataset: '公交线路',
        contactPhone: '0534-1234567',
        usage: ['research', 'teaching'],
        signed: true,
        projectCode: 'DZ-2025-07',
      },
    });
    const read = (await get(`/api/v1/reviews/${item.id}`, adminB)).json();
    // Declared keys in the kind's order, then the others under their own name.
    expect(read.dataEntries).toEqual([
      {
        name: 'dataset',
        label: { zh: '申请数据集', en: 'Dataset' },
        value: '公交线路',
        text: { zh: '公交线路', en: '公交线路' },
      },
      {
        name: 'reason',
        label: { zh: '申请理由', en: 'Reason' },
        value: '城市交通研究',
        text: { zh: '城市交通研究', en: '城市交通研究' },
      },
      {
        name: 'contactPhone',
        label: { zh: '联系电话', en: 'Contact phone' },
        value: '0534-1234567',
        text: { zh: '0534-1234567', en: '0534-1234567' },
      },
      {
        name: 'usage',
        label: { zh: '使用场景', en: 'Use' },
        value: ['research', 'teaching'],
        text: { zh: '科学研究、teaching', en: 'Research, teaching' },
      },
      {
        name: 'signed',
        label: { zh: '已签署协议', en: 'Agreement signed' },
        value: true,
        text: { zh: '是', en: 'yes' },
      },
      {
        name: 'projectCode',
        label: { zh: 'projectCode', en: 'projectCode' },
        value: 'DZ-2025-07',
        text: { zh: 'DZ-2025-07', en: 'DZ-2025-07' },
      },
    ]);
    // The applicant reads the same labels; the raw data stays as submitted.
    const own = (await get(`/api/v1/reviews/${item.id}`, applicant)).json();
    expect(own.dataEntries.map((e: { label: { zh: string } }) => e.label.zh)).toEqual([
      '申请数据集',
      '申请理由',
      '联系电话',
      '使用场景',
      '已签署协议',
      'projectCode',
    ]);
    expect(own.data.reason).toBe('城市交通研究');
    const kinds = (await get('/api/v1/reviews/kinds', adminB)).json();
    expect(kinds.items[0].dataFields[1]).toEqual({
      name: 'reason',
      label: { zh: '申请理由', en: 'Reason' },
    });
  });
});
