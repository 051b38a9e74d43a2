import type { Migration } from 'kysely/migration';
import * as kernelInit from './202611260800_kernel_init.js';

// Every migration, in order. Once landed, a migration is never edited.
export const migrations: Record<string, Migration> = {
  '202611260800_kernel_init': kernelInit,
};
