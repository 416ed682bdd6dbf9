import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { KaifangError } from '@kaifang/kernel';
import { pluginTemplate } from './plugin-template.ts';

/** Scaffolds `<dir>/<name>`: a working plugin with an entity, a route, a hook tap and a test. */
export async function createPlugin(name: string, dir: string): Promise<void> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new KaifangError(
      `plugin name '${name}' is not valid; use lower-case letters, digits and hyphens, starting with a letter`,
    );
  }
  const root = resolve(dir, name);
  if (existsSync(root))
    throw new KaifangError(`${root} already exists; choose another name or remove it`);
  const files = pluginTemplate(name);
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    await mkdir(resolve(target, '..'), { recursive: true });
    await writeFile(target, content);
  }
  const where = relative(process.cwd(), root) || '.';
  console.log(`created plugin '${name}' in ${where}:`);
  for (const path of Object.keys(files)) console.log(`  ${join(where, path)}`);
  console.log(
    `\nnext: npm install (links @kaifang/plugin-${name}), npx vitest run ${where}, then add it to kaifang.config.ts plugins`,
  );
}
