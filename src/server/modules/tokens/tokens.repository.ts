import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database } from '../../db/schema.ts';
import type { Scope } from '../../policies/scope.ts';
import { scopeFromRows } from '../users/grants.repository.ts';

export type TokenRow = Selectable<ApiTokensTable>;

/** A token row with its resolved scope. */
export interface TokenRecord {
  row: TokenRow;
  scope: Scope;
}

/** The tokens of one user (all of them, newest first), with their scopes. */
export async function listUserTokens(db: Kysely<Database>, userId: string, tokenId?: string): Promise<TokenRecord[]> {
  let query = db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId);
  if (tokenId) query = query.where('id', '=', tokenId);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [sites, machines] = await Promise.all([
    db.selectFrom('api_token_sites').selectAll().where('token_id', 'in', ids).execute(),
    db.selectFrom('api_token_machines').selectAll().where('token_id', 'in', ids).execute(),
  ]);
  return rows.map((row) => ({
    row,
    scope: scopeFromRows(
      row.scope_kind,
      sites.filter((link) => link.token_id === row.id).map((link) => link.site_id).sort(),
      machines.filter((link) => link.token_id === row.id).map((link) => link.machine_id).sort(),
    ),
  }));
}

/** Inserts a token and its scope links. */
export async function insertToken(trx: Kysely<Database>, row: TokenRow, scope: Scope): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute();
  if (scope.kind === 'site' && scope.siteIds.length > 0) {
    await trx.insertInto('api_token_sites').values(scope.siteIds.map((siteId) => ({ token_id: row.id, site_id: siteId }))).execute();
  }
  if (scope.kind === 'machine' && scope.machineIds.length > 0) {
    await trx.insertInto('api_token_machines').values(scope.machineIds.map((machineId) => ({ token_id: row.id, machine_id: machineId }))).execute();
  }
}

/** Marks an unrevoked token of `userId` revoked; returns the new row, or undefined. */
export async function markTokenRevoked(trx: Kysely<Database>, tokenId: string, userId: string, now: string): Promise<TokenRow | undefined> {
  return trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
