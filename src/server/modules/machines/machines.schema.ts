import { z } from 'zod';

/** A machine as the API shows it, with the key of its site. */
export const machineView = z.object({
  id: z.string(),
  machine_id: z.string(),
  name: z.string(),
  site_id: z.string(),
  site_key: z.string(),
  decommissioned_at: z.string().nullable(),
  version: z.number().int(),
  allowed_actions: z.array(z.string()),
});

export type MachineView = z.infer<typeof machineView>;
