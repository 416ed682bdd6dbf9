#!/usr/bin/env node
// The CLI is TypeScript like the rest of Kaifang; tsx compiles it (and kaifang.config.ts) on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
