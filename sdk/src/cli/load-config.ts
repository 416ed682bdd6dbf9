import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG_PATHS, type DeploymentConfig, KaifangError } from '@kaifang/kernel';

/** Loads a deployment config: `--config`, else `$KAIFANG_CONFIG`, else the first default found. */
export async function loadConfig(
  path?: string,
): Promise<{ path: string; config: DeploymentConfig }> {
  const candidates = path
    ? [path]
    : process.env.KAIFANG_CONFIG
      ? [process.env.KAIFANG_CONFIG]
      : DEFAULT_CONFIG_PATHS;
  const found = candidates
    .map((candidate) => resolve(candidate))
    .find((candidate) => existsSync(candidate));
  if (!found) {
    throw new KaifangError(
      `no deployment config found (looked for ${candidates.join(', ')}); pass --config <file>`,
    );
  }
  const module = (await import(pathToFileURL(found).href)) as { default?: DeploymentConfig };
  if (!module.default)
    throw new KaifangError(`${found} has no default export; export default defineConfig({ ... })`);
  return { path: found, config: module.default };
}
