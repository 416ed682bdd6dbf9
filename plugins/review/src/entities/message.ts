import { EntitySchema } from '@kaifang/sdk';

/** A notice in a user's message centre (站内信). */
export interface Message {
  id: string;
  userId: string;
  title: string;
  body: string;
  /** Portal path the notice points to, e.g. `/reviews/<id>`. */
  link: string | null;
  itemId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export const MessageSchema = new EntitySchema<Message>({
  name: 'ReviewMessage',
  tableName: 'review_message',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'string', length: 200, fieldName: 'user_id' },
    title: { type: 'string', length: 200 },
    body: { type: 'text' },
    link: { type: 'string', length: 500, nullable: true },
    itemId: { type: 'uuid', nullable: true, fieldName: 'item_id' },
    readAt: { type: 'Date', nullable: true, fieldName: 'read_at' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
