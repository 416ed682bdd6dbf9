import { Boom } from '@kaifang/sdk';
import type { EntityManager } from '../db.ts';
import { type Message, MessageSchema } from '../entities/message.ts';

export interface MessageView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  itemId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

function view(message: Message): MessageView {
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    link: message.link,
    itemId: message.itemId,
    read: message.readAt !== null,
    readAt: message.readAt?.toISOString() ?? null,
    createdAt: message.createdAt.toISOString(),
  };
}

/** A user's message centre: their notices only, newest first. */
export async function listMessages(
  em: EntityManager,
  userId: string,
  page: { limit: number; offset: number; unread?: boolean },
): Promise<{ items: MessageView[]; total: number; unread: number }> {
  const where = { userId, ...(page.unread ? { readAt: null } : {}) };
  const [[messages, total], unread] = await Promise.all([
    em.findAndCount(MessageSchema, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    }),
    em.count(MessageSchema, { userId, readAt: null }),
  ]);
  return { items: messages.map(view), total, unread };
}

export async function unreadCount(em: EntityManager, userId: string): Promise<number> {
  return em.count(MessageSchema, { userId, readAt: null });
}

/** Marks one of the user's messages read; reading it again keeps the first time. */
export async function markRead(
  em: EntityManager,
  userId: string,
  id: string,
  now: Date,
): Promise<MessageView> {
  const message = await em.findOne(MessageSchema, { id });
  // Someone else's message answers like a missing one, so ids reveal nothing.
  if (!message || message.userId !== userId) throw Boom.notFound(`no message with id ${id}`);
  if (!message.readAt) {
    message.readAt = now;
    await em.flush();
  }
  return view(message);
}

export async function markAllRead(em: EntityManager, userId: string, now: Date): Promise<number> {
  return em.nativeUpdate(MessageSchema, { userId, readAt: null }, { readAt: now });
}
