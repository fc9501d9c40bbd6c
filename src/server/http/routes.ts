import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { artifactsRoutes } from '../modules/artifacts/artifacts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { inventoryRoutes } from '../modules/inventory/inventory.routes.ts';
// anchor:network-import
// anchor:machine-extras-import
// anchor:contracts-import
// anchor:topology-import
import { machinesRoutes } from '../modules/machines/machines.routes.ts';
import { sitesRoutes } from '../modules/sites/sites.routes.ts';
import { tokensRoutes } from '../modules/tokens/tokens.routes.ts';
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
    // anchor:network-routes
    // anchor:machine-extras-routes
    // anchor:contracts-routes
    // anchor:topology-routes
  };
}
