import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { cleanFileName } from './artifacts.service.ts';
import type { ArtifactView } from './artifacts.schema.ts';

// HTTP side of downloads: every stored file leaves as an attachment of type application/octet-stream
// with nosniff, whatever type the uploader declared, so no browser renders an upload inline.

/**
 * Downloads up to this size are verified completely before the first header is sent, so a corrupted
 * blob becomes a clean 500 ARTIFACT_CORRUPT. Larger ones are verified while streaming: the final
 * bytes are withheld and the connection is dropped, so the client never receives the file complete.
 */
export const VERIFY_BEFORE_SEND_MAX_BYTES = 64 * 1024 * 1024;

const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for a stored name: an ASCII fallback (accents
 * dropped, anything else outside printable ASCII and `" \ %` replaced by `_`) and the UTF-8 name.
 */
export function contentDisposition(fileName: string): string {
  const name = cleanFileName(fileName);
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Sends an artifact's verified content stream as a download. */
export function sendArtifactDownload(reply: FastifyReply, artifact: ArtifactView, content: Readable): FastifyReply {
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', contentDisposition(artifact.original_name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-length', String(artifact.size))
    .header('etag', `"${artifact.sha256}"`)
    .header('cache-control', 'private, no-store')
    .send(content);
}
