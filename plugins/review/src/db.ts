import type { Request } from '@kaifang/sdk';

/** The SDK does not export MikroORM's EntityManager type; a request's fork is one. */
export type EntityManager = Request['em'];
