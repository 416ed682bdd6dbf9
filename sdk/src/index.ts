/**
 * @kaifang/sdk: what a plugin author imports. Everything here is re-exported from the kernel
 * or the libraries the kernel is built on, so a plugin depends on one package.
 */

export { default as Boom } from '@hapi/boom';
export type { Request, ResponseToolkit, RouteOptions, Server, ServerRoute } from '@hapi/hapi';
export {
  type AnyPluginDefinition,
  type Clock,
  type ConfiguredPlugin,
  type ContributedPage,
  type DbService,
  type DeploymentConfig,
  defineConfig,
  definePlugin,
  type EventBus,
  type HealthReport,
  type HttpService,
  type Jobs,
  KaifangError,
  type KernelEvents,
  type KernelHooks,
  type LocalizedText,
  ManualClock,
  type Notification,
  type NotificationHandler,
  type OptionsInput,
  type PluginApis,
  type PluginContext,
  type PluginDefinition,
  type PluginEntry,
  type PluginHooks,
  type PluginMigration,
  type SiteInfo,
  type Storage,
  type ThemeBuildInput,
  type ThemeDefinition,
  type UiPage,
} from '@kaifang/kernel';
export { defineEntity, EntitySchema } from '@mikro-orm/core';
export { Migration } from '@mikro-orm/migrations';
export type { EntityManager } from '@mikro-orm/postgresql';
export { default as Joi } from 'joi';
export type { Logger } from 'pino';
export {
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from 'tapable';
