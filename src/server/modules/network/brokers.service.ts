import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { BrokersTable } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, permittedRole, scopeFilter } from '../../policies/policies.ts';
import { mayDoSomewhere } from '../sites/sites.policy.ts';
import { loadSiteFor } from '../sites/sites.service.ts';
import { deleteBrokerVersioned, findBroker, insertBrokerRow, listBrokers, updateBrokerVersioned, type BrokerRecord } from './brokers.repository.ts';
import { createBrokerBodySchema, updateBrokerBodySchema, type BrokerList, type BrokerView, type CreateBrokerBody, type UpdateBrokerBody } from './brokers.schema.ts';
import { brokerActions, loadSegmentRef } from './network.policy.ts';

/** Input of `updateBroker` (PATCH /brokers/:id). */
export interface UpdateBrokerInput {
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
  changes: UpdateBrokerBody;
}

/** Input of `deleteBroker` (DELETE /brokers/:id). */
export interface DeleteBrokerInput {
  id: string;
  /** The version the caller saw (If-Match); null skips the check (CLI). */
  expectedVersion: number | null;
}

const quote = (text: string): string => JSON.stringify(text);

/** How a broker is named in audit summaries: `mqtt "Linie 3" at 10.20.0.5:8883 (TLS)`. */
function describe(broker: { kind: string; name: string; host: string; port: number | null; tls: boolean }): string {
  return `${broker.kind} ${quote(broker.name)} at ${broker.host}${broker.port === null ? '' : `:${broker.port}`}${broker.tls ? ' (TLS)' : ''}`;
}

function present(actor: Actor, broker: BrokerRecord): BrokerView {
  return {
    id: broker.id,
    site_id: broker.site_id,
    site_key: broker.site_key,
    segment_id: broker.segment_id,
    segment_key: broker.segment_key,
    segment_name: broker.segment_name,
    zone_type: broker.zone_type,
    name: broker.name,
    kind: broker.kind,
    host: broker.host,
    port: broker.port,
    tls: broker.tls === 1,
    notes: broker.notes,
    version: broker.version,
    created_at: broker.created_at,
    updated_at: broker.updated_at,
    allowed_actions: allowedActions(actor, brokerActions, { siteId: broker.site_id }),
  };
}

async function loadBroker(ctx: AppContext, id: string): Promise<BrokerRecord> {
  const broker = await findBroker(ctx.db, id);
  if (!broker) throw new AppError('NOT_FOUND');
  return broker;
}

/**
 * The brokers in segments the actor may read, of one site when `siteKey` is given (NOT_FOUND when
 * that site is missing or out of scope), with `broker.create` when they may add one there (or anywhere).
 */
export async function listBrokerViews(ctx: AppContext, actor: Actor, siteKey?: string): Promise<BrokerList> {
  const site = siteKey === undefined ? undefined : (await loadSiteFor(ctx, actor, siteKey, 'broker.read')).site;
  const rows = await listBrokers(ctx.db, scopeFilter(actor, 'broker.read'), site?.id);
  const mayCreate = site ? permittedRole(actor, 'broker.create', { siteId: site.id }) !== null : mayDoSomewhere(actor, 'broker.create');
  return { items: rows.map((row) => present(actor, row)), allowed_actions: mayCreate ? ['broker.create'] : [] };
}

/** One broker; NOT_FOUND when missing or outside the actor's scope. */
export async function getBroker(ctx: AppContext, actor: Actor, id: string): Promise<BrokerView> {
  const broker = await loadBroker(ctx, id);
  authorize(actor, 'broker.read', { siteId: broker.site_id });
  return present(actor, broker);
}

/** Registers a message broker in a segment; SEGMENT_UNKNOWN for a segment the actor cannot read. */
export async function createBroker(ctx: AppContext, actor: Actor, input: CreateBrokerBody): Promise<BrokerView> {
  const parsed = parseInput(createBrokerBodySchema, input);
  const segment = await loadSegmentRef(ctx.db, actor, parsed.segment_id, '/segment_id');
  const role = authorize(actor, 'broker.create', { siteId: segment.site_id });
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const row = {
    id,
    segment_id: segment.id,
    name: parsed.name,
    kind: parsed.kind,
    host: parsed.host,
    port: parsed.port ?? null,
    tls: parsed.tls ? 1 : 0,
    notes: parsed.notes ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await withWrite(ctx, async ({ trx, audit }) => {
    await insertBrokerRow(trx, row);
    await audit({
      actor, role, action: 'broker.create', objectType: 'broker', objectId: id, siteId: segment.site_id,
      summary: `Created broker ${describe({ ...row, tls: row.tls === 1 })} in segment ${quote(segment.key)} of site ${quote(segment.site_key)}`,
    });
  });
  return present(actor, await loadBroker(ctx, id));
}

/** Changes a broker; moving it to another segment takes broker.update there too. */
export async function updateBroker(ctx: AppContext, actor: Actor, input: UpdateBrokerInput): Promise<BrokerView> {
  const changes = parseInput(updateBrokerBodySchema, input.changes);
  const broker = await loadBroker(ctx, input.id);
  const role = authorize(actor, 'broker.update', { siteId: broker.site_id });
  const target = changes.segment_id === undefined || changes.segment_id === broker.segment_id ? null : await loadSegmentRef(ctx.db, actor, changes.segment_id, '/segment_id');
  if (target) authorize(actor, 'broker.update', { siteId: target.site_id });
  const set: Updateable<BrokersTable> = {};
  for (const key of ['segment_id', 'name', 'kind', 'host', 'port', 'notes'] as const) {
    if (changes[key] !== undefined) Object.assign(set, { [key]: changes[key] });
  }
  if (changes.tls !== undefined) set.tls = changes.tls ? 1 : 0;
  const fields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  const moved = target ? ` (moved to segment ${quote(target.key)} of site ${quote(target.site_key)})` : '';
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await updateBrokerVersioned(trx, broker.id, input.expectedVersion, set, ctx.clock.now().toISOString()))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'broker.update', objectType: 'broker', objectId: broker.id, siteId: target?.site_id ?? broker.site_id,
      summary: `Updated broker ${describe({ ...broker, tls: broker.tls === 1 })} in segment ${quote(broker.segment_key)} of site ${quote(broker.site_key)}: ${fields.join(', ') || 'no fields'}${moved}`,
    });
  });
  return present(actor, await loadBroker(ctx, broker.id));
}

/** Deletes a broker from the register; the audit log keeps what it was. */
export async function deleteBroker(ctx: AppContext, actor: Actor, input: DeleteBrokerInput): Promise<void> {
  const broker = await loadBroker(ctx, input.id);
  const role = authorize(actor, 'broker.delete', { siteId: broker.site_id });
  await withWrite(ctx, async ({ trx, audit }) => {
    if (!(await deleteBrokerVersioned(trx, broker.id, input.expectedVersion))) throw new AppError('STALE_OBJECT');
    await audit({
      actor, role, action: 'broker.delete', objectType: 'broker', objectId: broker.id, siteId: broker.site_id,
      summary: `Deleted broker ${describe({ ...broker, tls: broker.tls === 1 })} in segment ${quote(broker.segment_key)} of site ${quote(broker.site_key)}`,
    });
  });
}
