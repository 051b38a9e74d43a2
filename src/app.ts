// buildApp(deps): registers the kernel and every module; never listens.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './kernel/deps.js';
import { kernelPlugin } from './kernel/http/kernel.plugin.js';
import { registerMailJob } from './kernel/mail/outbox.js';
import { registerKernelJobs } from './kernel/jobs/kernel.jobs.js';
import { authPages } from './kernel/auth/auth.pages.js';
import { tokenPages } from './kernel/auth/tokens.pages.js';
import { tokenApi } from './kernel/auth/tokens.api.js';
import { federationModule, registerAdmissionHooks, registerSelfDescJobs } from './modules/federation/index.js';
import { governanceModule, registerGovernanceJobs } from './modules/governance/index.js';
import { adminModule } from './modules/admin/index.js';
import { projectsModule } from './modules/projects/index.js';
import { voicesModule, registerVoicesJobs } from './modules/voices/index.js';
import { solidarityModule, registerFundingHooks } from './modules/solidarity/index.js';
import { postureScansModule, registerPostureScanJobs, postureBaselineModule, registerBaselineHooks } from './modules/posture/index.js';
import { homePages } from './modules/home/home.pages.js';
import { version } from './version.js';
import { securitySchemes, signedIn } from './kernel/http/openapi.js';

export interface RouteInfo {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, for the authorization matrix test and the route listing. */
    hearthRoutes: RouteInfo[];
  }
}

/**
 * Every background job kind and schedule. Modules register theirs here, not in
 * their routes, so that `hearth worker` (which builds no web app) runs them too.
 */
export function registerJobs(deps: Deps): void {
  registerMailJob(deps.jobs, deps);
  registerKernelJobs(deps);
  registerSelfDescJobs(deps);
  registerGovernanceJobs(deps);
  // Funding decisions allocate the grant inside the closing transaction.
  registerFundingHooks();
  registerVoicesJobs(deps);
  registerPostureScanJobs(deps);
  // Baseline-change decisions publish the next baseline version inside the closing transaction.
  registerBaselineHooks();
  // Admission decisions create the organisation inside the closing transaction.
  registerAdmissionHooks();
}

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  }) as unknown as FastifyInstance; // pino's Logger type is narrower than Fastify's base logger

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteInfo[] = [];
  app.decorate('hearthRoutes', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hearth API', version },
      servers: [{ url: deps.config.baseUrl }],
      components: { securitySchemes },
      security: signedIn,
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });

  await kernelPlugin(app, deps);
  registerJobs(deps);

  await authPages(app, deps);
  await tokenPages(app, deps);
  await tokenApi(app, deps);
  await homePages(app, deps);
  await federationModule(app, deps);
  await governanceModule(app, deps);
  await projectsModule(app, deps);
  await voicesModule(app, deps);
  await solidarityModule(app, deps);
  await postureScansModule(app, deps);
  await postureBaselineModule(app, deps);
  await adminModule(app, deps);

  app.get('/api/docs', async () => app.swagger());
  return app;
}
