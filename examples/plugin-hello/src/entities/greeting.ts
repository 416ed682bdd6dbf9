import { EntitySchema } from '@kaifang/sdk';

export interface Greeting {
  id: string;
  name: string;
  message: string;
  createdAt: Date;
}

/** Tables carry the plugin's prefix (`hello_`); the kernel refuses an entity without it. */
export const GreetingSchema = new EntitySchema<Greeting>({
  name: 'Greeting',
  tableName: 'hello_greeting',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', length: 50 },
    message: { type: 'text' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
