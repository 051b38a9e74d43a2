// The whole schema as Kysely sees it: each part is declared beside the code that owns it.
import type { KernelTables } from './kernel/db/kernel.tables.js';
import type { AuthTables } from './kernel/auth/auth.tables.js';
import type { FederationTables } from './modules/federation/federation.tables.js';

export interface Database extends KernelTables, AuthTables, FederationTables {}
