// The baseline for bench/http.ts: a bare Fastify answering with bytes captured
// from Hearth, so the difference is what Hearth does per request.
// Usage: node bench/lib/bare-server.ts PORT LOGIN_BODY_FILE HEALTHZ_BODY_FILE
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, loginFile, healthzFile] = process.argv.slice(2);
const login = readFileSync(loginFile!, 'utf8');
const healthz = readFileSync(healthzFile!, 'utf8');

const app = Fastify({ logger: false });
app.get('/login', async (_req, reply) => reply.type('text/html; charset=utf-8').send(login));
app.get('/healthz', async (_req, reply) => reply.type('application/json; charset=utf-8').send(healthz));
await app.listen({ port: Number(port), host: '127.0.0.1' });

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
