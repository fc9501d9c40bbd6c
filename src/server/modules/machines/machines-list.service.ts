import type { AppContext } from '../../context.ts';
import { normaliseKey } from '../../db/normalise.ts';
import { invalidField, parseInput } from '../../errors/validation.ts';
import type { Actor } from '../../policies/actor.ts';
import { scopeFilter } from '../../policies/policies.ts';
import { foldSearchText, listMachinePage, type MachineKeyset, type MachineSortKey } from './machines.repository.ts';
import { machineListQuerySchema, type MachineListQuery, type MachineListView } from './machines.schema.ts';
import { presentMachine } from './machines.views.ts';

// The cursor names the sort it belongs to and where the previous page ended (sort value, folded
// machine_id): keyset paging, so a page costs the same at any depth and concurrent inserts never
// shift rows between pages. It is base64url JSON; clients treat it as opaque.

const MAX_TERMS = 10;

/** The cursor that continues after a row. */
export function encodeMachineCursor(sort: string, keyset: MachineKeyset): string {
  return Buffer.from(JSON.stringify([sort, keyset.value, keyset.machineIdNorm]), 'utf8').toString('base64url');
}

/** The keyset a cursor stands for; VALIDATION_FAILED at /cursor when malformed or of another sort. */
export function decodeMachineCursor(sort: string, cursor: string): MachineKeyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort ||
    // The value's type must fit the sort (criticality is an integer rank, the rest text): a forged
    // cursor must not reach the database as a value PostgreSQL cannot compare (a 500).
    !(sort.replace(/^-/, '') === 'criticality' ? Number.isInteger(parsed[1]) : typeof parsed[1] === 'string') || typeof parsed[2] !== 'string'
  ) {
    throw invalidField('INVALID_VALUE', '/cursor', { value: cursor.slice(0, 100) });
  }
  return { value: parsed[1] as string | number, machineIdNorm: parsed[2] };
}

/** One page of the machines the actor may read, filtered, sorted and searched. */
export async function listMachinePageViews(ctx: AppContext, actor: Actor, input: MachineListQuery): Promise<MachineListView> {
  const query = parseInput(machineListQuerySchema, input);
  const descending = query.sort.startsWith('-');
  const sort = (descending ? query.sort.slice(1) : query.sort) as MachineSortKey;
  const terms = foldSearchText(query.q ?? '').split(/\s+/u).filter((term) => term !== '');
  if (terms.length > MAX_TERMS) throw invalidField('INVALID_VALUE', '/q', { value: query.q });
  const { rows, total } = await listMachinePage(ctx.db, scopeFilter(actor, 'machine.read'), {
    limit: query.limit,
    sort,
    descending,
    after: query.cursor === undefined ? null : decodeMachineCursor(query.sort, query.cursor),
    siteKeyNorm: query.site === undefined ? undefined : normaliseKey(query.site),
    segmentKeyNorm: query.segment === undefined ? undefined : normaliseKey(query.segment),
    vendorNorm: query.vendor === undefined ? undefined : foldSearchText(query.vendor),
    criticality: query.criticality,
    networkState: query.network_state,
    updatable: query.updatable === undefined ? undefined : query.updatable === 'true',
    matchingIncomplete: query.matching_incomplete === undefined ? undefined : query.matching_incomplete === 'true',
    terms,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next_cursor = rows.length > query.limit && last ? encodeMachineCursor(query.sort, { value: last.sort_value, machineIdNorm: last.machine_id_norm }) : null;
  return { items: page.map((machine) => presentMachine(actor, machine)), next_cursor, total };
}
