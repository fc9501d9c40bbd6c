import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, permittedRole } from '../../policies/policies.ts';
import { findArea, findAreaByKey, insertAreaRow, listAreas, updateAreaVersioned, type AreaWithSite } from './areas.repository.ts';
import { createAreaInputSchema, updateAreaBodySchema, type AreaList, type AreaView, type CreateAreaInput, type UpdateAreaBody } from './areas.schema.ts';
import { areaActions } from './sites.policy.ts';
import { loadSiteFor } from './sites.service.ts';

/** Input of `updateArea` (PATCH /areas/:id). */
export interface UpdateAreaInput {
  /** The area's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** Fields to change; the key is immutable. */
  changes: UpdateAreaBody;
}

const quote = (text: string): string => JSON.stringify(text);

function present(actor: Actor, area: AreaWithSite): AreaView {
  return {
    id: area.id,
    site_id: area.site_id,
    site_key: area.site_key,
    key: area.key,
    name: area.name,
    version: area.version,
    created_at: area.created_at,
    updated_at: area.updated_at,
    allowed_actions: allowedActions(actor, areaActions, { siteId: area.site_id }),
  };
}

/** The areas of a site the actor may read, and `area.create` when they may add one there. */
export async function listAreaViews(ctx: AppContext, actor: Actor, siteKey: string): Promise<AreaList> {
  const { site } = await loadSiteFor(ctx, actor, siteKey, 'area.read');
  const areas = await listAreas(ctx.db, site.id);
  return {
    items: areas.map((area) => present(actor, area)),
    allowed_actions: permittedRole(actor, 'area.create', { siteId: site.id }) ? ['area.create'] : [],
  };
}

/** Adds an area to a site; admin or engineering in the site's scope; the key is unique per site. */
export async function createArea(ctx: AppContext, actor: Actor, input: CreateAreaInput): Promise<AreaView> {
  const parsed = parseInput(createAreaInputSchema, input);
  const { site, role } = await loadSiteFor(ctx, actor, parsed.site_key, 'area.create');
  if (await findAreaByKey(ctx.db, site.id, parsed.key)) throw new AppError('CONFLICT', { value: parsed.key });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  try {
    await withWrite(ctx, async ({ trx, audit }) => {
      await insertAreaRow(trx, { id, site_id: site.id, key: parsed.key, key_norm: normaliseKey(parsed.key), name: parsed.name, version: 1, created_at: now, updated_at: now });
      await audit({ actor, role, action: 'area.create', objectType: 'area', objectId: id, siteId: site.id, summary: `Created area ${quote(parsed.key)} ${quote(parsed.name)} in site ${quote(site.key)}` });
    });
  } catch (error) {
    if (ctx.adapter.isUniqueViolation(error)) throw new AppError('CONFLICT', { value: parsed.key });
    throw error;
  }
  return present(actor, (await findArea(ctx.db, id))!);
}

/** Renames an area; admin or engineering in the site's scope. */
export async function updateArea(ctx: AppContext, actor: Actor, input: UpdateAreaInput): Promise<AreaView> {
  const changes = parseInput(updateAreaBodySchema, input.changes);
  const area = await findArea(ctx.db, input.id);
  if (!area) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'area.update', { siteId: area.site_id });
  await withWrite(ctx, async ({ trx, audit }) => {
    const updated = await updateAreaVersioned(trx, area.id, input.expectedVersion, changes, ctx.clock.now().toISOString());
    if (!updated) throw new AppError('STALE_OBJECT');
    await audit({ actor, role, action: 'area.update', objectType: 'area', objectId: area.id, siteId: area.site_id, summary: `Updated area ${quote(area.key)} in site ${quote(area.site_key)}: ${Object.keys(changes).join(', ') || 'no fields'}` });
  });
  return present(actor, (await findArea(ctx.db, area.id))!);
}
