import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { invalidField, parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, permittedRole, scopeFilter } from '../../policies/policies.ts';
import { cidrsOverlap } from './cidr.ts';
import { findSegment, findSegmentByKey, insertSegmentRow, listSegments, updateSegmentVersioned, type SegmentWithSite } from './segments.repository.ts';
import {
  createSegmentBodySchema,
  updateSegmentBodySchema,
  type CreateSegmentBody,
  type SegmentList,
  type SegmentView,
  type UpdateSegmentBody,
} from './segments.schema.ts';
import { mayDoSomewhere, segmentActions } from './sites.policy.ts';
import { loadSiteFor } from './sites.service.ts';

/** Input of `updateSegment` (PATCH /segments/:id). */
export interface UpdateSegmentInput {
  /** The segment's id. */
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  /** Fields to change; key and site are immutable, null clears VLAN or CIDR. */
  changes: UpdateSegmentBody;
}

const quote = (text: string): string => JSON.stringify(text);

/**
 * Throws CIDR_OVERLAP at /cidr when `cidr` overlaps (contains or lies in) the network of another
 * segment of the site. Read inside the write transaction: writes are serialised, so two segments
 * cannot race into overlapping networks.
 */
async function assertNoOverlap(trx: Kysely<Database>, siteId: string, cidr: string, exceptId: string | null): Promise<void> {
  const segments = await listSegments(trx, { all: true }, siteId);
  const other = segments.find((segment) => segment.id !== exceptId && segment.cidr !== null && cidrsOverlap(cidr, segment.cidr));
  if (other) throw invalidField('CIDR_OVERLAP', '/cidr', { params: { cidr: other.cidr!, segment: other.key } });
}

function present(actor: Actor, segment: SegmentWithSite): SegmentView {
  return {
    id: segment.id,
    site_id: segment.site_id,
    site_key: segment.site_key,
    key: segment.key,
    name: segment.name,
    vlan: segment.vlan,
    cidr: segment.cidr,
    zone_type: segment.zone_type,
    needs_review: segment.needs_review === 1,
    version: segment.version,
    created_at: segment.created_at,
    updated_at: segment.updated_at,
    allowed_actions: allowedActions(actor, segmentActions, { siteId: segment.site_id }),
  };
}

/**
 * The segments the actor may read, of one site when `siteKey` is given (NOT_FOUND when that site
 * is missing or out of scope), with `segment.create` when they may add one there (or anywhere).
 */
export async function listSegmentViews(ctx: AppContext, actor: Actor, siteKey?: string): Promise<SegmentList> {
  const site = siteKey === undefined ? undefined : (await loadSiteFor(ctx, actor, siteKey, 'segment.read')).site;
  const segments = await listSegments(ctx.db, scopeFilter(actor, 'segment.read'), site?.id);
  const mayCreate = site ? permittedRole(actor, 'segment.create', { siteId: site.id }) !== null : mayDoSomewhere(actor, 'segment.create');
  return { items: segments.map((segment) => present(actor, segment)), allowed_actions: mayCreate ? ['segment.create'] : [] };
}

/** One segment; NOT_FOUND when missing or outside the actor's scope. */
export async function getSegment(ctx: AppContext, actor: Actor, id: string): Promise<SegmentView> {
  const segment = await findSegment(ctx.db, id);
  if (!segment) throw new AppError('NOT_FOUND');
  authorize(actor, 'segment.read', { siteId: segment.site_id });
  return present(actor, segment);
}

/** Adds a network segment to a site, described by a person; admin or engineering in the site's scope. */
export async function createSegment(ctx: AppContext, actor: Actor, input: CreateSegmentBody): Promise<SegmentView> {
  const parsed = parseInput(createSegmentBodySchema, input);
  const { site, role } = await loadSiteFor(ctx, actor, parsed.site_key, 'segment.create');
  if (await findSegmentByKey(ctx.db, site.id, parsed.key)) throw new AppError('CONFLICT', { value: parsed.key });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  try {
    await withWrite(ctx, async ({ trx, audit }) => {
      if (parsed.cidr) await assertNoOverlap(trx, site.id, parsed.cidr, null);
      await insertSegmentRow(trx, {
        id,
        site_id: site.id,
        key: parsed.key,
        key_norm: normaliseKey(parsed.key),
        name: parsed.name,
        vlan: parsed.vlan ?? null,
        cidr: parsed.cidr ?? null,
        zone_type: parsed.zone_type,
        needs_review: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await audit({ actor, role, action: 'segment.create', objectType: 'segment', objectId: id, siteId: site.id, summary: `Created segment ${quote(parsed.key)} (${parsed.zone_type}) in site ${quote(site.key)}` });
    });
  } catch (error) {
    if (ctx.adapter.isUniqueViolation(error)) throw new AppError('CONFLICT', { value: parsed.key });
    throw error;
  }
  return present(actor, (await findSegment(ctx.db, id))!);
}

/** Changes a segment; a person describing it clears `needs_review`. Admin or engineering in scope. */
export async function updateSegment(ctx: AppContext, actor: Actor, input: UpdateSegmentInput): Promise<SegmentView> {
  const changes = parseInput(updateSegmentBodySchema, input.changes);
  const segment = await findSegment(ctx.db, input.id);
  if (!segment) throw new AppError('NOT_FOUND');
  const role = authorize(actor, 'segment.update', { siteId: segment.site_id });
  const fields = Object.keys(changes).join(', ') || 'no fields';
  await withWrite(ctx, async ({ trx, audit }) => {
    if (changes.cidr) await assertNoOverlap(trx, segment.site_id, changes.cidr, segment.id);
    const updated = await updateSegmentVersioned(trx, segment.id, input.expectedVersion, { ...changes, needs_review: 0 }, ctx.clock.now().toISOString());
    if (!updated) throw new AppError('STALE_OBJECT');
    const reviewed = segment.needs_review === 1 ? ' (reviewed)' : '';
    await audit({ actor, role, action: 'segment.update', objectType: 'segment', objectId: segment.id, siteId: segment.site_id, summary: `Updated segment ${quote(segment.key)} in site ${quote(segment.site_key)}: ${fields}${reviewed}` });
  });
  return present(actor, (await findSegment(ctx.db, segment.id))!);
}
