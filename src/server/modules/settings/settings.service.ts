import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { withWrite } from '../../db/write.ts';
import type { Actor } from '../../policies/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { allSitesRole } from '../../policies/policies.ts';
import { isRole, roles, type Role } from '../../policies/roles.ts';
import { readSetting, writeSetting } from './settings.repository.ts';
import type { AdvisoryVisibility, AdvisoryVisibilityView } from './settings.schema.ts';

// Installation-wide settings an admin changes in the app. The first: which roles see advisories
// labelled TLP AMBER or RED (TLP 2.0: limited disclosure; by default admin and security officer).
// Admin always does: the role that grants access cannot lock itself out of what it governs.

const RESTRICTED_TLP_ROLES = 'advisories.restricted_tlp_roles';
const defaultRestrictedTlpRoles: readonly Role[] = ['admin', 'security_officer'];

/** The roles as stored, cleaned: known roles only, admin always, in the order of `roles`. */
export function normaliseRestrictedTlpRoles(value: unknown): Role[] {
  const chosen = Array.isArray(value) ? value.filter((role): role is Role => typeof role === 'string' && isRole(role)) : defaultRestrictedTlpRoles;
  return roles.filter((role) => role === 'admin' || chosen.includes(role));
}

/** The roles that see advisories labelled TLP AMBER or RED. */
export async function restrictedTlpRoles(db: Kysely<Database>): Promise<Role[]> {
  return normaliseRestrictedTlpRoles(await readSetting(db, RESTRICTED_TLP_ROLES));
}

/** The advisory visibility setting, for those who may read it (everyone may: it explains what they see). */
export async function getAdvisoryVisibility(ctx: AppContext, actor: Actor): Promise<AdvisoryVisibilityView> {
  return {
    restricted_tlp_roles: await restrictedTlpRoles(ctx.db),
    allowed_actions: allSitesRole(actor, 'settings.advisory_visibility') ? ['settings.advisory_visibility'] : [],
  };
}

/** Sets which roles see advisories labelled TLP AMBER or RED; an admin for all sites only, audited. */
export async function setAdvisoryVisibility(ctx: AppContext, actor: Actor, input: AdvisoryVisibility): Promise<AdvisoryVisibilityView> {
  const role = allSitesRole(actor, 'settings.advisory_visibility');
  if (!role) throw new AppError('FORBIDDEN');
  const chosen = normaliseRestrictedTlpRoles(input.restricted_tlp_roles);
  await withWrite(ctx, async ({ trx, audit }) => {
    const before = await restrictedTlpRoles(trx);
    await writeSetting(trx, RESTRICTED_TLP_ROLES, chosen, { now: ctx.clock.now().toISOString(), by: actor.userId ?? actor.name });
    await audit({
      actor,
      role,
      action: 'settings.advisory_visibility',
      objectType: 'setting',
      objectId: RESTRICTED_TLP_ROLES,
      siteId: null,
      summary: `Roles that see TLP AMBER/RED advisories: ${chosen.join(', ')} (before: ${before.join(', ')})`,
    });
  });
  return getAdvisoryVisibility(ctx, actor);
}
