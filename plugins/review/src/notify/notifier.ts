import { randomUUID } from 'node:crypto';
import type { AuthApi } from '@kaifang/plugin-auth-sso';
import type { PluginContext } from '@kaifang/sdk';
import type { EntityManager } from '../db.ts';
import { MessageSchema } from '../entities/message.ts';
import type { OutboundMail } from './mailer.ts';
import type { NoticeText } from './templates.ts';

export interface Notice extends NoticeText {
  userId: string;
  link?: string;
  itemId?: string;
}

export const EMAIL_QUEUE = 'email';

/**
 * Delivers notices: always to the user's message centre, and by e-mail unless the user asked
 * that processing of their personal data stop.
 *
 * Why the message centre still gets the notice when processing is stopped: telling an applicant
 * the outcome of their own application is needed to answer their request and is a duty of the
 * reviewing body (PIPL art. 13 (2) and (3)); the site message uses nothing beyond the account.
 * Using their e-mail address is not needed for that, so it stops.
 */
export class Notifier {
  constructor(
    private readonly deps: {
      auth: () => AuthApi;
      /** Queues one e-mail; undefined when no SMTP server is configured. */
      queueMail: ((mail: OutboundMail) => Promise<unknown>) | undefined;
      portalUrl: string | undefined;
      logger: PluginContext['logger'];
    },
  ) {}

  /**
   * Writes the site messages in `em` (the caller's transaction) and returns the e-mails to queue
   * once it commits, so a rolled-back decision never mails anyone.
   */
  async post(em: EntityManager, notices: Notice[], now: Date): Promise<OutboundMail[]> {
    const mails: OutboundMail[] = [];
    for (const notice of notices) {
      em.create(MessageSchema, {
        id: randomUUID(),
        userId: notice.userId,
        title: notice.title,
        body: notice.body,
        link: notice.link ?? null,
        itemId: notice.itemId ?? null,
        readAt: null,
        createdAt: now,
      });
      const mail = await this.#mailFor(notice);
      if (mail) mails.push(mail);
    }
    return mails;
  }

  /** Queues e-mails after the transaction that produced them committed. */
  async send(mails: OutboundMail[]): Promise<void> {
    const queue = this.deps.queueMail;
    if (!queue) return;
    for (const mail of mails) {
      // A queue failure must not undo a committed decision; the site message is already there.
      await queue(mail).catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'could not queue a notice e-mail'),
      );
    }
  }

  async #mailFor(notice: Notice): Promise<OutboundMail | undefined> {
    if (!this.deps.queueMail) return undefined;
    const auth = this.deps.auth();
    if (await auth.processingStopped(notice.userId)) return undefined;
    const user = await auth.getUser(notice.userId);
    if (!user?.email) return undefined;
    const link =
      notice.link && this.deps.portalUrl
        ? `\n\n查看详情：${new URL(notice.link, this.deps.portalUrl).toString()}`
        : '';
    return {
      to: user.email,
      subject: notice.title,
      text: `${user.realName ? `${user.realName}，您好：\n\n` : ''}${notice.body}${link}\n\n（本邮件由系统自动发送，请勿直接回复。）`,
    };
  }
}
