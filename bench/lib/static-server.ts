// A bare Fastify answering fixed paths with bytes captured from Hearth: the
// baseline that shows what Hearth itself costs per request.
// Usage: node bench/lib/static-server.ts PORT '[{"path":"/a","file":"a.html","type":"text/html; charset=utf-8"}, …]'
// (/healthz answers too, for the readiness poll.)
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, spec] = process.argv.slice(2);
const routes = JSON.parse(spec!) as { path: string; file: string; type: string }[];
const app = Fastify({ logger: false });
app.get('/healthz', async (_req, reply) => reply.type('application/json; charset=utf-8').send('{"status":"ok"}'));
for (const { path, file, type } of routes) {
  const body = readFileSync(file);
  app.get(path, async (_req, reply) => reply.type(type).send(body));
}
await app.listen({ port: Number(port), host: '127.0.0.1' });

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
