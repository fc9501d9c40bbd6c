import { z } from 'zod';

/** An artifact as the API and the CLI show it. */
export const artifactView = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  /** The media type the uploader declared; downloads are always application/octet-stream. */
  media_type: z.string(),
  original_name: z.string(),
  uploaded_by: z.string().nullable(),
  site_id: z.string().nullable(),
  site_key: z.string().nullable(),
  created_at: z.string(),
  allowed_actions: z.array(z.string()),
});

export type ArtifactView = z.infer<typeof artifactView>;

/** Path parameters of the single-artifact routes. */
export const artifactParams = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * The upload form, for the OpenAPI document only: multipart bodies are parsed as a stream by the
 * route (the body Fastify validates is empty), so every key is optional here.
 */
export const artifactUploadForm = z
  .object({
    site_key: z.string().optional().describe('Key of the site the file belongs to; sent before the file. Omitted: installation-wide.'),
    file: z.string().optional().meta({ format: 'binary' }).describe('The file; the last part of the form.'),
  })
  .nullish();
