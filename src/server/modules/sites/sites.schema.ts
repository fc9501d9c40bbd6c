import { z } from 'zod';

/** A site as the API shows it. */
export const siteView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  time_zone: z.string(),
  version: z.number().int(),
  allowed_actions: z.array(z.string()),
});

export type SiteView = z.infer<typeof siteView>;
