import { z } from 'zod';
import { optionalLine, optionalText, requiredLine } from '../../errors/validation.ts';
import { matchingDataGapCodes } from '../matching/finding-rules.ts';
import { formatIp, parseIp } from '../sites/cidr.ts';
import { isCpe23, isPurl, normaliseMac } from './inventory-rules.ts';

// One zod schema per shape: request bodies (validated by the routes and again by the use cases,
// which the CLI and the importer call directly) and the views the API returns. Codes are stored
// as they are written here; labels are the UI's business.

export const criticalities = ['low', 'medium', 'high'] as const;
export const safetyImpacts = ['negligible', 'marginal', 'critical', 'catastrophic'] as const;
export const missionImpacts = ['degraded', 'mef_support_crippled', 'mef_failure', 'mission_failure'] as const;
export const networkStates = ['connected', 'isolated'] as const;
export const componentTypes = ['firmware', 'os', 'application', 'hmi', 'plc', 'network', 'other'] as const;

/** The plant's own machine key: trimmed, compared case-insensitively. */
export const machineIdSchema = requiredLine(100).transform((value) => value.trim());

/** A site, area or segment key as people write it. */
const keySchema = z.string().min(1).max(100).refine((value) => value.trim() !== '', 'VALUE_BLANK');

const machineFields = {
  name: requiredLine(200),
  area_key: keySchema.nullable().optional(),
  vendor: optionalLine(200),
  model: optionalLine(200),
  serial_number: optionalLine(200),
  machine_type: optionalLine(200),
  line: optionalLine(200),
  redundancy_group: optionalLine(200),
  criticality: z.enum(criticalities).nullable().optional(),
  safety_functions: optionalText(2000),
  safety_impact: z.enum(safetyImpacts).nullable().optional(),
  mission_impact: z.enum(missionImpacts).nullable().optional(),
  updatable: z.boolean().nullable().optional(),
  end_of_support: z.iso.date().nullable().optional(),
  operating_system: optionalLine(200),
  operating_software: optionalLine(200),
  remote_access: optionalText(2000),
  network_state: z.enum(networkStates).optional(),
  /** Username of the responsible administrator, or null. */
  responsible_admin: z.string().min(1).max(100).nullable().optional(),
};

export const createMachineBodySchema = z.strictObject({
  machine_id: machineIdSchema,
  site_key: keySchema,
  ...machineFields,
});

export const updateMachineBodySchema = z.strictObject({
  machine_id: machineIdSchema.optional(),
  site_key: keySchema.optional(),
  ...machineFields,
  name: machineFields.name.optional(),
});

export const interfaceInputSchema = z
  .strictObject({
    ip: z.string().max(100).refine((value) => parseIp(value.trim()) !== null, 'IP_INVALID').transform((value) => formatIp(parseIp(value.trim())!)).nullable().optional(),
    mac: z
      .string()
      .max(100)
      .refine((value) => normaliseMac(value) !== null, 'MAC_INVALID')
      .transform((value) => normaliseMac(value)!)
      .nullable()
      .optional(),
    hostname: optionalLine(253),
    segment_key: keySchema.nullable().optional(),
  })
  .refine((entry) => [entry.ip, entry.mac, entry.hostname, entry.segment_key].some((value) => value != null), 'VALUE_REQUIRED');

export const replaceInterfacesBodySchema = z.strictObject({ interfaces: z.array(interfaceInputSchema).max(64) });


const componentFields = {
  component_type: z.enum(componentTypes),
  vendor: optionalLine(200),
  name: requiredLine(300),
  component_version: optionalLine(200),
  model_number: optionalLine(200),
  cpe: z.string().max(1000).refine(isCpe23, 'CPE_INVALID').nullable().optional(),
  purl: z.string().max(2000).refine(isPurl, 'PURL_INVALID').nullable().optional(),
};

export const createComponentBodySchema = z.strictObject(componentFields);

export const updateComponentBodySchema = z.strictObject({
  ...componentFields,
  component_type: componentFields.component_type.optional(),
  name: componentFields.name.optional(),
});

export const machineParamsSchema = z.object({ machine_id: z.string().min(1).max(200) });
export const componentParamsSchema = z.object({ id: z.string().min(1).max(100) });
export const includeRemovedQuerySchema = z.object({ include_removed: z.enum(['true', 'false']).optional() });

/** A network interface of a machine, in position order. */
export const interfaceView = z.object({
  position: z.number().int(),
  ip: z.string().nullable(),
  mac: z.string().nullable(),
  hostname: z.string().nullable(),
  segment_key: z.string().nullable(),
});

/** A software/firmware component; `machine_id` is the machine's plant key. */
export const componentView = z.object({
  id: z.string(),
  machine_id: z.string(),
  component_type: z.enum(componentTypes),
  vendor: z.string().nullable(),
  name: z.string(),
  component_version: z.string().nullable(),
  model_number: z.string().nullable(),
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  removed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  allowed_actions: z.array(z.string()),
});

/** A machine as the API shows it, with the keys of its site and area. */
export const machineView = z.object({
  id: z.string(),
  machine_id: z.string(),
  name: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  area_key: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  serial_number: z.string().nullable(),
  machine_type: z.string().nullable(),
  line: z.string().nullable(),
  redundancy_group: z.string().nullable(),
  criticality: z.enum(criticalities).nullable(),
  safety_functions: z.string().nullable(),
  safety_impact: z.enum(safetyImpacts).nullable(),
  mission_impact: z.enum(missionImpacts).nullable(),
  updatable: z.boolean().nullable(),
  end_of_support: z.string().nullable(),
  operating_system: z.string().nullable(),
  operating_software: z.string().nullable(),
  remote_access: z.string().nullable(),
  network_state: z.enum(networkStates),
  responsible_admin: z.string().nullable(),
  decommissioned_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  allowed_actions: z.array(z.string()),
});

/** One machine with its interfaces and components (GET /machines/:machine_id). */
export const machineDetailView = machineView.extend({
  interfaces: z.array(interfaceView),
  components: z.array(componentView),
  /**
   * Why matching cannot be trusted for the machine ("matching data incomplete"), judged on its
   * components not removed; empty when decommissioned. The findings summary counts by the same rule.
   */
  matching_data_gaps: z.array(z.enum(matchingDataGapCodes)),
});

/** Sort keys of GET /machines; `-key` sorts descending. */
export const machineSorts = ['machine_id', 'name', 'site', 'criticality', 'updated_at', '-machine_id', '-name', '-site', '-criticality', '-updated_at'] as const;

/** Query of GET /machines: one page, filtered, sorted, searched. */
export const machineListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `next_cursor` of the previous page, with the same sort. */
  cursor: z.string().min(1).max(1000).optional(),
  sort: z.enum(machineSorts).default('machine_id'),
  site: z.string().min(1).max(100).optional(),
  segment: z.string().min(1).max(100).optional(),
  /** Machine builder, compared folded (case, umlauts, ß). */
  vendor: z.string().min(1).max(200).optional(),
  criticality: z.enum(criticalities).optional(),
  network_state: z.enum(networkStates).optional(),
  updatable: z.enum(['true', 'false']).optional(),
  /**
   * `true`: only machines whose matching data is incomplete (non-empty `matching_data_gaps`);
   * `false`: only the others.
   */
  matching_incomplete: z.enum(['true', 'false']).optional(),
  /** Words that must all occur in machine_id, name, or a component's name or vendor. */
  q: z.string().max(200).optional(),
});

/** One page of machines: `next_cursor` is null on the last page; `total` counts every match. */
export const machineListView = z.object({ items: z.array(machineView), next_cursor: z.string().nullable(), total: z.number().int() });
export const componentListView = z.object({ items: z.array(componentView) });

export type CreateMachineBody = z.input<typeof createMachineBodySchema>;
export type UpdateMachineBody = z.input<typeof updateMachineBodySchema>;
export type InterfaceInput = z.input<typeof interfaceInputSchema>;
export type CreateComponentBody = z.input<typeof createComponentBodySchema>;
export type UpdateComponentBody = z.input<typeof updateComponentBodySchema>;
export type MachineView = z.infer<typeof machineView>;
export type MachineListQuery = z.input<typeof machineListQuerySchema>;
export type MachineListView = z.infer<typeof machineListView>;
export type MachineDetailView = z.infer<typeof machineDetailView>;
export type InterfaceView = z.infer<typeof interfaceView>;
export type ComponentView = z.infer<typeof componentView>;
