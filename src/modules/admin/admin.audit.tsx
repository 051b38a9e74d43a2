import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../kernel/deps.js';

export async function adminAuditPages(_app: FastifyInstance, _deps: Deps): Promise<void> {}
