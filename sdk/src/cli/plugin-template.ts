/** The files of a new plugin, by path. Kept in step with examples/plugin-hello, which explains more. */
export function pluginTemplate(name: string): Record<string, string> {
  const pascal = name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) =>
    letter.toUpperCase(),
  );
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  const table = `${name.replaceAll('-', '_')}_item`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@kaifang/plugin-${name}`,
        version: '0.1.0',
        description: `The ${name} plugin`,
        type: 'module',
        exports: { '.': './src/plugin.ts' },
        dependencies: { '@kaifang/sdk': '0.1.0' },
      },
      null,
      2,
    )}\n`,
    'README.md': `# @kaifang/plugin-${name}

What this plugin does, for whom, and how a deployment configures it.

## Options
| key | default | meaning |
|---|---|---|
| \`pageSize\` | 20 | how many items \`GET /api/v1/${name}/items\` returns |

## HTTP
- \`GET /api/v1/${name}/items\` — the newest items
- \`POST /api/v1/${name}/items\` with \`{ title }\` — adds one (400 names the bad field)

## Hooks it taps
- \`kernel.started\`: logs how many items there are.

## Tables
\`${table}\` (migration \`0001_create_item\`).

## Test
\`npx vitest run plugins/${name}\`
`,
    'src/entities/item.ts': `import { EntitySchema } from '@kaifang/sdk';

export interface ${pascal}Item {
  id: number;
  title: string;
  createdAt: Date;
}

export const ${pascal}ItemSchema = new EntitySchema<${pascal}Item>({
  name: '${pascal}Item',
  tableName: '${table}',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    title: { type: 'string', length: 200 },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});
`,
    'src/migrations/0001-create-item.ts': `import { Migration } from '@kaifang/sdk';

export class Create${pascal}Item extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table ${table} (id serial primary key, title varchar(200) not null, created_at timestamptz not null)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table ${table}');
  }
}
`,
    'src/routes/items.ts': `import { type Clock, Joi, type ServerRoute } from '@kaifang/sdk';
import { ${pascal}ItemSchema } from '../entities/item.ts';

export function itemRoutes(deps: { clock: Clock; pageSize: number }): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/${name}/items',
      options: { description: 'The newest items' },
      handler: async (request) => ({
        items: await request.em.find(${pascal}ItemSchema, {}, { orderBy: { id: 'desc' }, limit: deps.pageSize }),
      }),
    },
    {
      method: 'POST',
      path: '/${name}/items',
      options: {
        description: 'Adds an item',
        validate: { payload: Joi.object({ title: Joi.string().trim().min(1).max(200).required() }) },
      },
      handler: async (request, h) => {
        const { title } = request.payload as { title: string };
        const item = request.em.create(${pascal}ItemSchema, { title, createdAt: deps.clock.now() });
        await request.em.persistAndFlush(item);
        return h.response(item).code(201);
      },
    },
  ];
}
`,
    'src/plugin.ts': `import { definePlugin, Joi } from '@kaifang/sdk';
import { ${pascal}ItemSchema } from './entities/item.ts';
import { Create${pascal}Item } from './migrations/0001-create-item.ts';
import { itemRoutes } from './routes/items.ts';

export interface ${pascal}Options {
  pageSize: number;
}

export default definePlugin<${pascal}Options>({
  name: '${name}',
  version: '0.1.0',
  kernel: '^0.1.0',
  config: Joi.object({ pageSize: Joi.number().integer().min(1).max(100).default(20) }),
  entities: [${pascal}ItemSchema],
  migrations: [{ name: '0001_create_item', class: Create${pascal}Item }],

  register(ctx) {
    ctx.http.route(itemRoutes({ clock: ctx.clock, pageSize: ctx.config.pageSize }));
    ctx.hooks.started.tapPromise(ctx.name, async () => {
      const count = await ctx.db.fork().count(${pascal}ItemSchema);
      ctx.logger.info({ count }, '${name} is ready');
    });
  },
});
`,
    'test/plugin.test.ts': `import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import ${camel} from '../src/plugin.ts';

let test: TestKernel;
beforeAll(async () => {
  test = await createTestKernel({ plugins: [${camel}] });
});
afterAll(() => test?.close());

it('adds an item and lists it', async () => {
  const created = await test.inject({ method: 'POST', url: '/api/v1/${name}/items', payload: { title: '第一条' } });
  expect(created.statusCode).toBe(201);
  const list = await test.inject('/api/v1/${name}/items');
  expect(list.json().items).toMatchObject([{ title: '第一条' }]);
});

it('refuses an item without a title, naming the field', async () => {
  const response = await test.inject({ method: 'POST', url: '/api/v1/${name}/items', payload: {} });
  expect(response.statusCode).toBe(400);
  expect(response.json().message).toBe('"title" is required');
});

it('taps the kernel started hook', () => {
  expect(test.kernel.taps).toContainEqual({ hook: 'kernel.started', tapper: '${name}', type: 'promise' });
});
`,
  };
}
