import { SHARED_CLUSTER_ENV, startThrowawayCluster } from './database.ts';

/**
 * Vitest global setup: one embedded PostgreSQL for the whole run. Each test kernel gets a
 * database of its own inside it, which costs milliseconds instead of an initdb.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startThrowawayCluster();
  process.env[SHARED_CLUSTER_ENV] = cluster.url;
  return () => cluster.stop();
}
