import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { settingsRoutes } from '../modules/settings/settings.routes.ts';
import { advisoriesRoutes } from '../modules/advisories/advisories.routes.ts';
import { manualNoticesRoutes } from '../modules/advisories/manual-notices.routes.ts';
import { artifactsRoutes } from '../modules/artifacts/artifacts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { contractsRoutes } from '../modules/contracts/contracts.routes.ts';
import { demoRoutes } from '../modules/demo/demo.routes.ts';
import { findingsRoutes } from '../modules/matching/findings.routes.ts';
import { inventoryRoutes } from '../modules/inventory/inventory.routes.ts';
import { machinesRoutes } from '../modules/machines/machines.routes.ts';
import { partnerSystemsRoutes } from '../modules/machines/partner-systems.routes.ts';
import { networkRoutes } from '../modules/network/network.routes.ts';
import { sitesRoutes } from '../modules/sites/sites.routes.ts';
import { sparePartsRoutes } from '../modules/spare-parts/spare-parts.routes.ts';
import { tokensRoutes } from '../modules/tokens/tokens.routes.ts';
import { topologyRoutes } from '../modules/topology/topology.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';

/** Every module's routes; mounted under /api/v1. A new module adds one line here. */
export function apiRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(usersRoutes(ctx));
    await app.register(tokensRoutes(ctx));
    await app.register(auditRoutes(ctx));
    await app.register(artifactsRoutes(ctx));
    await app.register(sitesRoutes(ctx));
    await app.register(machinesRoutes(ctx));
    await app.register(inventoryRoutes(ctx));
    await app.register(networkRoutes(ctx));
    await app.register(partnerSystemsRoutes(ctx));
    await app.register(sparePartsRoutes(ctx));
    await app.register(contractsRoutes(ctx));
    await app.register(demoRoutes(ctx));
    await app.register(topologyRoutes(ctx));
    await app.register(advisoriesRoutes(ctx));
    await app.register(manualNoticesRoutes(ctx));
    await app.register(settingsRoutes(ctx));
    await app.register(findingsRoutes(ctx));
  };
}
