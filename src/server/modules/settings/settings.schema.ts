import { z } from 'zod';
import { roleSchema } from '../users/users.schema.ts';

/** Which roles see advisories labelled TLP AMBER or RED (admin always does). */
export const advisoryVisibilitySchema = z.object({
  restricted_tlp_roles: z.array(roleSchema).max(20),
});
export type AdvisoryVisibility = z.infer<typeof advisoryVisibilitySchema>;

export const advisoryVisibilityView = advisoryVisibilitySchema.extend({
  allowed_actions: z.array(z.string()),
});
export type AdvisoryVisibilityView = z.infer<typeof advisoryVisibilityView>;
