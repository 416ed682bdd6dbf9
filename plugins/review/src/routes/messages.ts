import { principalOf, requireUser } from '@kaifang/plugin-auth-sso';
import { type Clock, Joi, type ServerRoute } from '@kaifang/sdk';
import { listMessages, markAllRead, markRead, unreadCount } from '../notify/messages.ts';

const signedIn = requireUser();

export function messageRoutes(deps: { clock: Clock }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/messages',
      options: {
        auth: signedIn,
        description: "The caller's message centre, newest first, with the unread count",
        validate: {
          query: Joi.object({
            unread: Joi.boolean(),
            limit: Joi.number().integer().min(1).max(100).default(20),
            offset: Joi.number().integer().min(0).default(0),
          }),
        },
      },
      handler: async (request) => {
        const query = request.query as { unread?: boolean; limit: number; offset: number };
        return listMessages(request.em, principalOf(request)!.userId, query);
      },
    },
    {
      method: 'GET',
      path: '/messages/unread-count',
      options: { auth: signedIn, description: 'How many of the caller’s messages are unread' },
      handler: async (request) => ({
        unread: await unreadCount(request.em, principalOf(request)!.userId),
      }),
    },
    {
      method: 'POST',
      path: '/messages/{id}/read',
      options: {
        auth: signedIn,
        description: 'Mark one of the caller’s messages read',
        validate: { params: Joi.object({ id: Joi.string().uuid().required() }) },
      },
      handler: async (request) => {
        const { id } = request.params as { id: string };
        return markRead(request.em, principalOf(request)!.userId, id, deps.clock.now());
      },
    },
    {
      method: 'POST',
      path: '/messages/read-all',
      options: { auth: signedIn, description: 'Mark all of the caller’s messages read' },
      handler: async (request) => ({
        marked: await markAllRead(request.em, principalOf(request)!.userId, deps.clock.now()),
      }),
    },
  ];
}
