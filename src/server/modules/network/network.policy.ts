import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { invalidField } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { grantsCovering, permittedRole, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import { findSegment, type SegmentWithSite } from '../sites/segments.repository.ts';

// Conduits and brokers are site objects checked at { siteId }. A conduit has up to two sites (its
// ends may lie in different sites, joined over a VPN): whoever may read one end's site sees it;
// changing it takes the right in every end's site.

/** The actions offered on a conduit, in `allowed_actions` order. */
export const conduitActions = ['conduit.read', 'conduit.update', 'conduit.delete'] as const satisfies readonly Action[];
/** The actions offered on a broker. */
export const brokerActions = ['broker.read', 'broker.update', 'broker.delete'] as const satisfies readonly Action[];

const covers = (actor: Actor, siteId: string): boolean => grantsCovering(actor, { siteId }).length > 0;

/**
 * The role under which the actor may `action` on an object in every one of `siteIds`. NOT_FOUND
 * when no grant covers any of them (out of scope looks like missing), FORBIDDEN when one of them
 * is covered but some site lacks a permitted role.
 */
export function authorizeInEverySite(actor: Actor, action: Action, siteIds: readonly string[]): Role {
  if (!siteIds.some((siteId) => covers(actor, siteId))) throw new AppError('NOT_FOUND');
  const roles = siteIds.map((siteId) => permittedRole(actor, action, { siteId }));
  if (roles.some((role) => role === null)) throw new AppError('FORBIDDEN');
  return roles[0]!;
}

/** The role under which the actor may `action` in at least one of `siteIds` (reading a conduit). */
export function authorizeInSomeSite(actor: Actor, action: Action, siteIds: readonly string[]): Role {
  const role = siteIds.map((siteId) => permittedRole(actor, action, { siteId })).find((candidate) => candidate !== null);
  if (role) return role;
  throw new AppError(siteIds.some((siteId) => covers(actor, siteId)) ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** The subset of `actions` permitted in every one of `siteIds`, for `allowed_actions`. */
export function allowedInEverySite(actor: Actor, actions: readonly Action[], siteIds: readonly string[]): Action[] {
  return actions.filter((action) => siteIds.every((siteId) => permittedRole(actor, action, { siteId }) !== null));
}

/**
 * A segment named in a body. Missing, or in a site the actor may not read: SEGMENT_UNKNOWN at
 * `pointer` (a 400 that never tells the two apart, so ids of other sites are not revealed).
 */
export async function loadSegmentRef(db: Kysely<Database>, actor: Actor, id: string, pointer: string): Promise<SegmentWithSite> {
  const segment = await findSegment(db, id);
  if (!segment || permittedRole(actor, 'segment.read', { siteId: segment.site_id }) === null) throw invalidField('SEGMENT_UNKNOWN', pointer);
  return segment;
}
