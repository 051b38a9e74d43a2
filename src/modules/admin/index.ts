import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { adminPages } from './admin.pages.js';

export async function adminModule(app: FastifyInstance, deps: Deps): Promise<void> {
  await adminPages(app, deps);
}
