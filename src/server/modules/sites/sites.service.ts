import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { SiteRow, SitesTable } from '../../db/schema.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, scopeFilter, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import type { NonWorkingDay, Shift } from './site-calendar.ts';
import { authorizeSiteCreate, canCreateSites, siteActions } from './sites.policy.ts';
import { findSiteByKey, insertSiteRow, listNonWorkingDays, listSites, replaceNonWorkingDays, updateSiteVersioned } from './sites.repository.ts';
import { createSiteBodySchema, updateSiteBodySchema, type CreateSiteBody, type SiteList, type SiteView, type UpdateSiteBody } from './sites.schema.ts';

/** Input of `updateSite` (PATCH /sites/:key). */
export interface UpdateSiteInput {
  /** The site's key, compared case-insensitively. */
  key: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** Fields to change; given lists replace the stored ones. */
  changes: UpdateSiteBody;
}

const quote = (text: string): string => JSON.stringify(text);

function presentSites(actor: Actor, sites: readonly SiteRow[], days: readonly (NonWorkingDay & { site_id: string })[]): SiteView[] {
  return sites.map((site) => ({
    id: site.id,
    key: site.key,
    name: site.name,
    time_zone: site.time_zone,
    working_days: JSON.parse(site.working_days) as number[],
    shifts: JSON.parse(site.shifts) as Shift[],
    non_working_days: days.filter((entry) => entry.site_id === site.id).map(({ day, label }) => ({ day, label })),
    demo: site.demo === 1,
    version: site.version,
    created_at: site.created_at,
    updated_at: site.updated_at,
    allowed_actions: allowedActions(actor, siteActions, { siteId: site.id }),
  }));
}

async function presentSite(ctx: AppContext, actor: Actor, site: SiteRow): Promise<SiteView> {
  return presentSites(actor, [site], await listNonWorkingDays(ctx.db, [site.id]))[0]!;
}

/**
 * The site with this key if the actor may do `action` there, with the role it is done under:
 * NOT_FOUND when missing or outside the actor's scope, FORBIDDEN when in scope but not permitted.
 */
export async function loadSiteFor(ctx: Pick<AppContext, 'db'>, actor: Actor, key: string, action: Action): Promise<{ site: SiteRow; role: Role }> {
  const site = await findSiteByKey(ctx.db, key);
  if (!site) throw new AppError('NOT_FOUND');
  return { site, role: authorize(actor, action, { siteId: site.id }) };
}

/** The sites the actor may read, and `site.create` when they may create sites. */
export async function listSiteViews(ctx: AppContext, actor: Actor): Promise<SiteList> {
  const sites = await listSites(ctx.db, scopeFilter(actor, 'site.read'));
  const days = await listNonWorkingDays(ctx.db, sites.map((site) => site.id));
  return { items: presentSites(actor, sites, days), allowed_actions: canCreateSites(actor) ? ['site.create'] : [] };
}

/** One site with its calendar; NOT_FOUND when missing or outside the actor's scope. */
export async function getSite(ctx: AppContext, actor: Actor, key: string): Promise<SiteView> {
  const { site } = await loadSiteFor(ctx, actor, key, 'site.read');
  return presentSite(ctx, actor, site);
}

/** Creates a site with its calendar; only an admin for all sites may (a site admin gets FORBIDDEN). */
export async function createSite(ctx: AppContext, actor: Actor, input: CreateSiteBody): Promise<SiteView> {
  const parsed = parseInput(createSiteBodySchema, input);
  const role = authorizeSiteCreate(actor);
  if (await findSiteByKey(ctx.db, parsed.key)) throw new AppError('CONFLICT', { value: parsed.key });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  try {
    await withWrite(ctx, async ({ trx, audit }) => {
      await insertSiteRow(trx, {
        id,
        key: parsed.key,
        key_norm: normaliseKey(parsed.key),
        name: parsed.name,
        time_zone: parsed.time_zone,
        ...(parsed.working_days ? { working_days: JSON.stringify(parsed.working_days) } : {}),
        ...(parsed.shifts ? { shifts: JSON.stringify(parsed.shifts) } : {}),
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await replaceNonWorkingDays(trx, id, parsed.non_working_days ?? []);
      await audit({ actor, role, action: 'site.create', objectType: 'site', objectId: id, siteId: id, summary: `Created site ${quote(parsed.key)} ${quote(parsed.name)} in ${parsed.time_zone}` });
    });
  } catch (error) {
    if (ctx.adapter.isUniqueViolation(error)) throw new AppError('CONFLICT', { value: parsed.key });
    throw error;
  }
  const site = await findSiteByKey(ctx.db, parsed.key);
  return presentSite(ctx, actor, site!);
}

/** Changes a site's name, time zone or calendar (its key is immutable); admin in the site's scope. */
export async function updateSite(ctx: AppContext, actor: Actor, input: UpdateSiteInput): Promise<SiteView> {
  const changes = parseInput(updateSiteBodySchema, input.changes);
  const { site, role } = await loadSiteFor(ctx, actor, input.key, 'site.update');
  const columns: Updateable<SitesTable> = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.time_zone !== undefined ? { time_zone: changes.time_zone } : {}),
    ...(changes.working_days !== undefined ? { working_days: JSON.stringify(changes.working_days) } : {}),
    ...(changes.shifts !== undefined ? { shifts: JSON.stringify(changes.shifts) } : {}),
  };
  const updated = await withWrite(ctx, async ({ trx, audit }) => {
    const row = await updateSiteVersioned(trx, site.id, input.expectedVersion, columns, ctx.clock.now().toISOString());
    if (!row) throw new AppError('STALE_OBJECT');
    if (changes.non_working_days !== undefined) await replaceNonWorkingDays(trx, site.id, changes.non_working_days);
    await audit({ actor, role, action: 'site.update', objectType: 'site', objectId: site.id, siteId: site.id, summary: `Updated site ${quote(site.key)}: ${Object.keys(changes).join(', ') || 'no fields'}` });
    return row;
  });
  return presentSite(ctx, actor, updated);
}
