import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { ConduitsTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError, type DetailSource } from '../../errors/app-error.ts';
import { invalidField, parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { permittedRole, scopeFilter } from '../../policies/policies.ts';
import type { SegmentWithSite } from '../sites/segments.repository.ts';
import { mayDoSomewhere } from '../sites/sites.policy.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { deleteConduitVersioned, findConduit, insertConduitRow, listConduits, updateConduitVersioned, type ConduitRecord } from './conduits.repository.ts';
import {
  createConduitBodySchema,
  updateConduitBodySchema,
  type ConduitEndView,
  type ConduitList,
  type ConduitView,
  type CreateConduitBody,
  type UpdateConduitBody,
} from './conduits.schema.ts';
import { allowedInEverySite, authorizeInEverySite, authorizeInSomeSite, conduitActions, loadSegmentRef } from './network.policy.ts';

/** Input of `updateConduit` (PATCH /conduits/:id). */
export interface UpdateConduitInput {
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  changes: UpdateConduitBody;
}

/** Input of `deleteConduit` (DELETE /conduits/:id). */
export interface DeleteConduitInput {
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
}

const quote = (text: string): string => JSON.stringify(text);

/** One end as stored and shown: a segment (with its site) or the internet. */
interface End {
  segmentId: string | null;
  siteId: string | null;
  label: string;
}

const internet: End = { segmentId: null, siteId: null, label: 'internet' };

function endOfSegment(segment: SegmentWithSite): End {
  return { segmentId: segment.id, siteId: segment.site_id, label: `segment ${quote(segment.key)} of site ${quote(segment.site_key)}` };
}

function endsOf(conduit: ConduitRecord): { from: End; to: End } {
  const end = (segmentId: string | null, siteId: string | null, key: string | null, siteKey: string | null): End =>
    segmentId === null ? internet : { segmentId, siteId, label: `segment ${quote(key ?? '')} of site ${quote(siteKey ?? '')}` };
  return {
    from: end(conduit.from_segment_id, conduit.from_site_id, conduit.from_key, conduit.from_site_key),
    to: end(conduit.to_segment_id, conduit.to_site_id, conduit.to_key, conduit.to_site_key),
  };
}

/** The distinct sites of the segment ends, the owning site (that of `from`, else of `to`) first. */
function siteIdsOf(from: End, to: End): string[] {
  return [...new Set([from.siteId, to.siteId].filter((siteId): siteId is string => siteId !== null))];
}

/** CONDUIT_ENDPOINTS at /to_segment_id when both ends are the internet or the same segment. */
function assertEndpoints(fromId: string | null, toId: string | null): void {
  if (fromId === toId) throw invalidField('CONDUIT_ENDPOINTS', '/to_segment_id');
}

/** PORTS_INVALID at /ports: ICMP has no ports. */
function assertPortsFit(protocol: ConduitRecord['protocol'], ports: string | null): void {
  if (protocol === 'icmp' && ports !== null) throw invalidField('PORTS_INVALID', '/ports');
}

/** Resolves the named segment ends; SEGMENT_UNKNOWN for each unknown or unreadable one. */
async function resolveEnds(ctx: AppContext, actor: Actor, ids: { from_segment_id?: string | null | undefined; to_segment_id?: string | null | undefined }): Promise<{ from?: End; to?: End }> {
  const resolved: { from?: End; to?: End } = {};
  const problems: DetailSource[] = [];
  for (const [side, id] of [['from', ids.from_segment_id], ['to', ids.to_segment_id]] as const) {
    if (id === undefined) continue;
    if (id === null) {
      resolved[side] = internet;
      continue;
    }
    try {
      resolved[side] = endOfSegment(await loadSegmentRef(ctx.db, actor, id, `/${side}_segment_id`));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      problems.push(...error.details);
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return resolved;
}

function presentEnd(segmentId: string | null, key: string | null, name: string | null, siteKey: string | null, zoneType: ConduitRecord['from_zone_type']): ConduitEndView {
  if (segmentId === null) return { kind: 'internet' };
  return { kind: 'segment', segment_id: segmentId, segment_key: key ?? '', segment_name: name ?? '', site_key: siteKey ?? '', zone_type: zoneType ?? 'unknown' };
}

function present(actor: Actor, conduit: ConduitRecord): ConduitView {
  const { from, to } = endsOf(conduit);
  return {
    id: conduit.id,
    site_id: conduit.site_id,
    site_key: conduit.site_key,
    from: presentEnd(conduit.from_segment_id, conduit.from_key, conduit.from_name, conduit.from_site_key, conduit.from_zone_type),
    to: presentEnd(conduit.to_segment_id, conduit.to_key, conduit.to_name, conduit.to_site_key, conduit.to_zone_type),
    protocol: conduit.protocol,
    ports: conduit.ports,
    service: conduit.service,
    purpose: conduit.purpose,
    firewall_rule: conduit.firewall_rule,
    remote_access: conduit.remote_access === 1,
    version: conduit.version,
    created_at: conduit.created_at,
    updated_at: conduit.updated_at,
    allowed_actions: ['conduit.read', ...allowedInEverySite(actor, conduitActions.slice(1), siteIdsOf(from, to))],
  };
}

/** How a conduit is named in audit summaries: `segment "A" of site "X" → internet, tcp 443`. */
function describe(from: End, to: End, protocol: string, ports: string | null): string {
  return `${from.label} → ${to.label}, ${protocol}${ports === null ? '' : ` ${ports}`}`;
}

/** Sort key parts of one end: the internet first, then by site and segment key. */
function endSortKey(siteKey: string | null, key: string | null): string {
  return siteKey === null ? '' : `${siteKey.toLowerCase()}\u0000${(key ?? '').toLowerCase()}`;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function loadConduit(ctx: AppContext, id: string): Promise<ConduitRecord> {
  const conduit = await findConduit(ctx.db, id);
  if (!conduit) throw new AppError('NOT_FOUND');
  return conduit;
}

/**
 * The conduits with an end in a site the actor may read, of one site when `siteKey` is given
 * (NOT_FOUND when that site is missing or out of scope); ordered by owning site, from, to.
 */
export async function listConduitViews(ctx: AppContext, actor: Actor, siteKey?: string): Promise<ConduitList> {
  const site = siteKey === undefined ? undefined : (await loadSiteFor(ctx, actor, siteKey, 'conduit.read')).site;
  const rows = await listConduits(ctx.db, scopeFilter(actor, 'conduit.read'), site?.id);
  rows.sort(
    (a, b) =>
      compareText(a.site_key.toLowerCase(), b.site_key.toLowerCase()) ||
      compareText(endSortKey(a.from_site_key, a.from_key), endSortKey(b.from_site_key, b.from_key)) ||
      compareText(endSortKey(a.to_site_key, a.to_key), endSortKey(b.to_site_key, b.to_key)) ||
      compareText(a.protocol, b.protocol) ||
      compareText(a.ports ?? '', b.ports ?? '') ||
      compareText(a.id, b.id),
  );
  const mayCreate = site ? permittedRole(actor, 'conduit.create', { siteId: site.id }) !== null : mayDoSomewhere(actor, 'conduit.create');
  return { items: rows.map((row) => present(actor, row)), allowed_actions: mayCreate ? ['conduit.create'] : [] };
}

/** One conduit; NOT_FOUND when missing or when neither end lies in a site the actor may read. */
export async function getConduit(ctx: AppContext, actor: Actor, id: string): Promise<ConduitView> {
  const conduit = await loadConduit(ctx, id);
  const { from, to } = endsOf(conduit);
  authorizeInSomeSite(actor, 'conduit.read', siteIdsOf(from, to));
  return present(actor, conduit);
}

/**
 * Documents an allowed flow. Each segment end must be one the actor may read (else
 * SEGMENT_UNKNOWN), and the actor needs conduit.create in the site of every segment end.
 */
export async function createConduit(ctx: AppContext, actor: Actor, input: CreateConduitBody): Promise<ConduitView> {
  const parsed = parseInput(createConduitBodySchema, input);
  assertEndpoints(parsed.from_segment_id, parsed.to_segment_id);
  assertPortsFit(parsed.protocol, parsed.ports ?? null);
  const ends = await resolveEnds(ctx, actor, parsed);
  const from = ends.from!;
  const to = ends.to!;
  const siteIds = siteIdsOf(from, to);
  const role = authorizeInEverySite(actor, 'conduit.create', siteIds);
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const ports = parsed.ports ?? null;
  await withWrite(ctx, async ({ trx, audit }) => {
    await insertConduitRow(trx, {
      id,
      site_id: siteIds[0]!,
      from_segment_id: from.segmentId,
      to_segment_id: to.segmentId,
      protocol: parsed.protocol,
      ports,
      service: parsed.service ?? null,
      purpose: parsed.purpose,
      firewall_rule: parsed.firewall_rule ?? null,
      remote_access: parsed.remote_access ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await audit({
      actor, role, action: 'conduit.create', objectType: 'conduit', objectId: id, siteId: siteIds[0]!,
      summary: `Created conduit ${describe(from, to, parsed.protocol, ports)} for ${quote(parsed.purpose)}${parsed.remote_access ? ' (remote access)' : ''}`,
    });
  });
  return present(actor, await loadConduit(ctx, id));
}

/**
 * Changes a conduit. The actor needs conduit.update in the site of every end, before and after;
 * a new segment end must be one the actor may read (else SEGMENT_UNKNOWN).
 */
export async function updateConduit(ctx: AppContext, actor: Actor, input: UpdateConduitInput): Promise<ConduitView> {
  const changes = parseInput(updateConduitBodySchema, input.changes);
  const conduit = await loadConduit(ctx, input.id);
  const before = endsOf(conduit);
  authorizeInSomeSite(actor, 'conduit.read', siteIdsOf(before.from, before.to));
  const fromId = changes.from_segment_id === undefined ? conduit.from_segment_id : changes.from_segment_id;
  const toId = changes.to_segment_id === undefined ? conduit.to_segment_id : changes.to_segment_id;
  assertEndpoints(fromId, toId);
  const protocol = changes.protocol ?? conduit.protocol;
  const ports = changes.ports === undefined ? conduit.ports : changes.ports;
  assertPortsFit(protocol, ports);
  const changed = await resolveEnds(ctx, actor, {
    from_segment_id: fromId === conduit.from_segment_id ? undefined : fromId,
    to_segment_id: toId === conduit.to_segment_id ? undefined : toId,
  });
  const from = changed.from ?? before.from;
  const to = changed.to ?? before.to;
  const siteIds = siteIdsOf(from, to);
  const role = authorizeInEverySite(actor, 'conduit.update', [...new Set([...siteIdsOf(before.from, before.to), ...siteIds])]);

  const set: Updateable<ConduitsTable> = { site_id: siteIds[0]!, from_segment_id: from.segmentId, to_segment_id: to.segmentId };
  for (const key of ['protocol', 'ports', 'service', 'purpose', 'firewall_rule'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  if (changes.remote_access !== undefined) set.remote_access = changes.remote_access ? 1 : 0;
  const fields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await updateConduitVersioned(trx, conduit.id, input.expectedVersion, set, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'conduit.update', objectType: 'conduit', objectId: conduit.id, siteId: siteIds[0]!,
      summary: `Updated conduit ${describe(from, to, protocol, ports)}: ${fields.join(', ') || 'no fields'}`,
    });
  });
  return present(actor, await loadConduit(ctx, conduit.id));
}

/** Deletes a conduit (the flow is no longer allowed); the audit log keeps what it was. */
export async function deleteConduit(ctx: AppContext, actor: Actor, input: DeleteConduitInput): Promise<void> {
  const conduit = await loadConduit(ctx, input.id);
  const { from, to } = endsOf(conduit);
  const siteIds = siteIdsOf(from, to);
  authorizeInSomeSite(actor, 'conduit.read', siteIds);
  const role = authorizeInEverySite(actor, 'conduit.delete', siteIds);
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await deleteConduitVersioned(trx, conduit.id, input.expectedVersion))) throw new AppError('STALE_OBJECT');
    const firewall = conduit.firewall_rule === null ? '' : `, firewall rule ${quote(conduit.firewall_rule)}`;
    await audit({
      actor, role, action: 'conduit.delete', objectType: 'conduit', objectId: conduit.id, siteId: conduit.site_id,
      summary: `Deleted conduit ${describe(from, to, conduit.protocol, conduit.ports)} for ${quote(conduit.purpose)}${firewall}${conduit.remote_access === 1 ? ' (remote access)' : ''}`,
    });
  });
}
