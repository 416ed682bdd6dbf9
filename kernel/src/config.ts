import { isAbsolute, resolve } from 'node:path';
import Joi from 'joi';
import { KaifangError } from './errors.ts';
import { type AnyPluginDefinition, isConfigured, type PluginEntry } from './plugin.ts';
import type { SiteInfo, ThemeDefinition } from './ui.ts';

/** A deployment: which plugins run with which options, and the theme. */
export interface DeploymentConfig {
  site: SiteInfo;
  plugins: PluginEntry[];
  theme?: ThemeDefinition;
  http?: {
    port?: number;
    host?: string;
    /** Route prefix per plugin name; every plugin defaults to `/api/v1`. */
    prefixes?: Record<string, string>;
  };
  /** Bounds on each plugin's lifecycle steps, in milliseconds. */
  timeouts?: { register?: number; start?: number; stop?: number; drain?: number };
}

export function defineConfig(config: DeploymentConfig): DeploymentConfig {
  return config;
}

const localized = Joi.object({ zh: Joi.string().required(), en: Joi.string().required() });

const deploymentSchema = Joi.object<DeploymentConfig>({
  site: Joi.object({
    name: localized.required(),
    contact: Joi.object({
      phone: Joi.string().required(),
      email: Joi.string().email({ tlds: false }).required(),
    }).required(),
    licenseUrl: Joi.string().required(),
  }).required(),
  plugins: Joi.array().items(Joi.object().unknown(true)).required(),
  theme: Joi.object({
    name: Joi.string().required(),
    outDir: Joi.string().required(),
    ensureBuilt: Joi.function().required(),
  }).unknown(true),
  http: Joi.object({
    port: Joi.number().port(),
    host: Joi.string(),
    prefixes: Joi.object().pattern(Joi.string(), Joi.string().pattern(/^\/[\w\-/]*$/)),
  }),
  timeouts: Joi.object({
    register: Joi.number().integer().min(1),
    start: Joi.number().integer().min(1),
    stop: Joi.number().integer().min(1),
    drain: Joi.number().integer().min(1),
  }),
});

const semverRange = Joi.string().min(1);
const pluginName = Joi.string().pattern(/^[a-z][a-z0-9-]*$/);

const manifestSchema = Joi.object({
  name: pluginName.required(),
  version: Joi.string()
    .pattern(/^\d+\.\d+\.\d+(-[\w.]+)?$/)
    .required(),
  kernel: semverRange.required(),
  description: Joi.string(),
  requires: Joi.object().pattern(pluginName, semverRange),
  optional: Joi.object().pattern(pluginName, semverRange),
  config: Joi.object().schema('object'),
  entities: Joi.array(),
  migrations: Joi.array().items(
    Joi.object({
      name: Joi.string()
        .pattern(/^[\w-]+$/)
        .required(),
      class: Joi.function().required(),
    }),
  ),
  hooks: Joi.function(),
  ui: Joi.object({
    pages: Joi.array().items(
      Joi.object({
        path: Joi.string().pattern(/^\//).required(),
        element: Joi.string()
          .pattern(/^[a-z][a-z0-9]*-[a-z0-9-]+$/)
          .required(),
        module: Joi.string().required(),
        title: localized.required(),
        nav: Joi.object({ order: Joi.number().required(), label: localized }),
        userMenu: Joi.object({
          order: Joi.number().required(),
          label: localized,
          roles: Joi.array().items(Joi.string()).min(1),
        }),
      }).custom((page: { path: string; userMenu?: unknown }) => {
        if (page.userMenu && page.path.includes(':'))
          throw new Error(`page '${page.path}' has parameters, so it cannot be in the user menu`);
        return page;
      }),
    ),
    components: Joi.array().items(
      Joi.object({
        element: Joi.string()
          .pattern(/^[a-z][a-z0-9]*-[a-z0-9-]+$/)
          .required(),
        module: Joi.string().required(),
      }),
    ),
  }),
  commands: Joi.array().items(
    Joi.object({
      name: Joi.string()
        .pattern(/^[a-z][a-z0-9-]*$/)
        .required(),
      description: Joi.string().required(),
      run: Joi.function().required(),
    }),
  ),
  register: Joi.function(),
  start: Joi.function(),
  stop: Joi.function(),
  configure: Joi.function(),
});

export interface ResolvedPlugin {
  definition: AnyPluginDefinition;
  /** The plugin's options after its joi schema applied defaults. */
  options: object;
}

/**
 * Validates the deployment config, each plugin's manifest and each plugin's options. Every
 * error names the plugin and the key so the operator knows which line of the config to fix.
 */
export function validateDeployment(config: DeploymentConfig): ResolvedPlugin[] {
  const { error } = deploymentSchema.validate(config, { abortEarly: true });
  if (error) throw new KaifangError(`kaifang.config.ts: ${error.message}`);

  const seen = new Set<string>();
  return config.plugins.map((entry, index) => {
    const definition = isConfigured(entry) ? entry.definition : entry;
    const rawOptions = isConfigured(entry) ? entry.options : {};
    const label =
      typeof definition?.name === 'string' ? `plugin '${definition.name}'` : `plugins[${index}]`;

    const manifest = manifestSchema.validate(definition, { abortEarly: true });
    if (manifest.error)
      throw new KaifangError(
        `${label} has an invalid manifest: ${manifest.error.message}`,
        definition?.name,
      );
    if (seen.has(definition.name)) {
      throw new KaifangError(
        `plugin '${definition.name}' is listed twice in kaifang.config.ts plugins`,
        definition.name,
      );
    }
    seen.add(definition.name);
    checkTablePrefix(definition);

    const schema = definition.config ?? Joi.object({});
    const { error: optionsError, value } = schema.validate(rawOptions ?? {}, { abortEarly: true });
    if (optionsError) {
      throw new KaifangError(
        `plugin '${definition.name}' config: ${optionsError.message}`,
        definition.name,
      );
    }
    return { definition, options: value as object };
  });
}

/** Each plugin's tables carry its prefix, so two plugins can never claim one table. */
function checkTablePrefix(definition: AnyPluginDefinition): void {
  const prefix = `${definition.name.replaceAll('-', '_')}_`;
  for (const entity of definition.entities ?? []) {
    const meta = entity.meta;
    const table = meta.tableName ?? meta.collection;
    if (!meta.embeddable && !meta.abstract && !table?.startsWith(prefix)) {
      throw new KaifangError(
        `plugin '${definition.name}' entity '${meta.className}' uses table '${table ?? '(default)'}'; set tableName to start with '${prefix}'`,
        definition.name,
      );
    }
  }
}

/** The config file `kaifang start` loads when none is named: the cwd's, else the Dezhou example. */
export const DEFAULT_CONFIG_PATHS = ['kaifang.config.ts', 'examples/dezhou/kaifang.config.ts'];

export function resolveFromCwd(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
