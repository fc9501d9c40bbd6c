import { z } from 'zod';
import { optionalLine, optionalText, requiredLine } from '../../errors/validation.ts';
import type { ContractResponsibility } from '../../db/schema.ts';
import { isCalendarDay } from '../sites/site-calendar.ts';
import { emailSchema } from '../users/users.schema.ts';

// Framework contracts with machine builders or service suppliers: request bodies (validated by the
// routes and again by the use cases) and the views the API returns. Transforms are idempotent.

/** A required one-line text, stored trimmed (references and names are compared and shown trimmed). */
export const trimmedLine = (max: number) => requiredLine(max).transform((value) => value.trim());

/** An optional one-line text, stored trimmed; blank or null means unset. */
const optionalTrimmedLine = (max: number) => optionalLine(max).transform((value) => (typeof value === 'string' ? value.trim() : value));

/** Who performs updates under the contract, as stored codes. */
export const responsibilities = ['supplier', 'operator', 'shared'] as const satisfies readonly ContractResponsibility[];
/** The computed validity status of a contract. */
export const contractStatuses = ['active', 'expired', 'not_yet_valid'] as const;

/** A calendar day YYYY-MM-DD, or null for an open end. */
const daySchema = z.string().max(10).refine(isCalendarDay, 'DATE_INVALID').nullable().optional();

/** A contact person at the supplier: a name, the rest optional. */
export const contactSchema = z.strictObject({
  name: trimmedLine(200),
  role: optionalTrimmedLine(200).transform((value) => value ?? null),
  phone: optionalTrimmedLine(100).transform((value) => value ?? null),
  email: emailSchema.nullable().optional().transform((value) => value ?? null),
});

/** Public machine keys (machine_id), at least one. */
const machineIdsSchema = z.array(z.string().min(1).max(100).refine((value) => value.trim() !== '', 'VALUE_BLANK')).min(1, 'MACHINES_REQUIRED').max(1000);

const contractFields = {
  /** Contract number or short name, unique case-insensitively. */
  reference: trimmedLine(100),
  supplier: trimmedLine(200),
  contacts: z.array(contactSchema).max(50).optional(),
  /** When an update is mandatory, as agreed. */
  update_obligation: optionalText(4000),
  /** Who performs updates. */
  responsibility: z.enum(responsibilities),
  /** Username of the plant's person responsible for the contract, or null. */
  responsible: z.string().min(1).max(100).nullable().optional(),
  /** How an update is performed (remote, on site, by whom). */
  update_method: optionalText(4000),
  sla: optionalText(4000),
  valid_from: daySchema,
  valid_until: daySchema,
  notes: optionalText(8000),
  machine_ids: machineIdsSchema,
};

/** POST /contracts. */
export const createContractBodySchema = z.strictObject(contractFields);

/** PATCH /contracts/:id: absent fields stay, null clears, `machine_ids` replaces the set. */
export const updateContractBodySchema = z.strictObject({
  reference: contractFields.reference.optional(),
  supplier: contractFields.supplier.optional(),
  contacts: contractFields.contacts,
  update_obligation: contractFields.update_obligation,
  responsibility: contractFields.responsibility.optional(),
  responsible: contractFields.responsible,
  update_method: contractFields.update_method,
  sla: contractFields.sla,
  valid_from: contractFields.valid_from,
  valid_until: contractFields.valid_until,
  notes: contractFields.notes,
  machine_ids: machineIdsSchema.optional(),
});

export const contractIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** GET /contracts?machine=MACHINE_ID. */
export const contractListQuerySchema = z.strictObject({ machine: z.string().min(1).max(200).optional() });

export const contactView = z.object({ name: z.string(), role: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });

/** A machine of a contract, as far as the caller may see it. */
export const contractMachineView = z.object({ machine_id: z.string(), name: z.string(), site_key: z.string(), decommissioned: z.boolean() });

/** A framework contract as the API shows it. */
export const contractView = z.object({
  id: z.string(),
  reference: z.string(),
  supplier: z.string(),
  contacts: z.array(contactView),
  update_obligation: z.string().nullable(),
  responsibility: z.enum(responsibilities),
  /** Username of the responsible person, or null. */
  responsible: z.string().nullable(),
  responsible_name: z.string().nullable(),
  update_method: z.string().nullable(),
  sla: z.string().nullable(),
  valid_from: z.string().nullable(),
  valid_until: z.string().nullable(),
  /** From the dates and today in the time zone of the contract's first machine. */
  status: z.enum(contractStatuses),
  notes: z.string().nullable(),
  /** The linked machines the caller may see, by machine_id. */
  machines: z.array(contractMachineView),
  /** Linked machines outside the caller's scope (not listed). */
  hidden_machine_count: z.number().int(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  allowed_actions: z.array(z.string()),
});

/** The contracts in scope and whether the caller may add one (`contract.create`). */
export const contractListSchema = z.object({ items: z.array(contractView), allowed_actions: z.array(z.string()) });

export type ContractView = z.infer<typeof contractView>;
export type ContractList = z.infer<typeof contractListSchema>;
export type ContractContact = z.infer<typeof contactView>;
export type ContractStatusCode = (typeof contractStatuses)[number];
export type CreateContractBody = z.input<typeof createContractBodySchema>;
export type UpdateContractBody = z.input<typeof updateContractBodySchema>;
