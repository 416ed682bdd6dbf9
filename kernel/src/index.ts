export type { Clock } from './clock.ts';
export { ManualClock, systemClock } from './clock.ts';
export type { DeploymentConfig } from './config.ts';
export { DEFAULT_CONFIG_PATHS, defineConfig } from './config.ts';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.ts';
export type { Notification, NotificationHandler } from './db/notifications.ts';
export { KaifangError } from './errors.ts';
export type { EventBus, KernelEvents } from './events.ts';
export type { HealthReport, KernelHooks, RouteOwner, StartedInfo, TapRecord } from './hooks.ts';
export type { OpenApiDocument } from './http/openapi.ts';
export type { RouteSpec } from './http/server.ts';
export type { JobHandlerInput, JobState, Jobs, QueueOptions, SendOptions } from './jobs.ts';
export { Kernel, type KernelOptions } from './kernel.ts';
export { createLogger } from './logger.ts';
export type {
  AnyPluginDefinition,
  CommandIo,
  ConfiguredPlugin,
  DbService,
  HttpService,
  OptionsInput,
  PluginApis,
  PluginCommand,
  PluginContext,
  PluginDefinition,
  PluginEntry,
  PluginHooks,
  PluginManifest,
  PluginMigration,
  PluginRanges,
} from './plugin.ts';
export { definePlugin } from './plugin.ts';
export type { Storage } from './storage.ts';
export type {
  ContributedComponent,
  ContributedPage,
  LocalizedText,
  SiteInfo,
  ThemeBuildInput,
  ThemeDefinition,
  UiComponent,
  UiPage,
} from './ui.ts';
export { KERNEL_VERSION } from './version.ts';
