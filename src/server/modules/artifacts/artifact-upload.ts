import { Readable } from 'node:stream';
import fastifyMultipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { invalidField, jsonPointer } from '../../errors/validation.ts';
import { formatBytes } from '../../errors/format-bytes.ts';

// HTTP side of uploads: multipart/form-data parsed as a stream, so a file of gigabytes never sits in
// memory. Every route names its own limit; nothing falls back to the 1 MiB JSON body limit.

/** Upload limit for generic evidence files (photos, logs, documents). */
export const EVIDENCE_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

const MAX_FIELD_BYTES = 4096;
const MAX_PARTS = 32;

/**
 * Registers @fastify/multipart in the calling plugin (it is encapsulated there). Its own fileSize
 * default would be the JSON body limit; here it admits no file bytes at all, so a route that forgets
 * `receiveUpload` and its limit fails closed.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: 0, fieldSize: MAX_FIELD_BYTES, parts: MAX_PARTS, fields: MAX_PARTS, headerPairs: 100 },
  });
}

/** One received upload: the fields before the file, and the file itself as a stream. */
export interface ReceivedUpload {
  /** Text fields sent before the file part (only the names the route allows). */
  fields: Partial<Record<string, string>>;
  /** The file name as the client sent it (clean it before storing). */
  fileName: string;
  /** The media type as the client declared it. */
  mediaType: string;
  /**
   * The file's bytes, for `ArtifactStore.put` / `storeArtifact`. It ends only when the form ended
   * right after the file; a later part, a malformed body or an oversized file make it error, so
   * the store discards the bytes.
   */
  source: Readable;
}

export interface ReceiveUploadOptions {
  /** The route's limit in bytes; the store enforces it too. */
  maxBytes: number;
  /** Names of the text fields allowed before the file (others → 400). */
  fields?: readonly string[];
  /** Name of the file part (default `file`). */
  fileField?: string;
}

function pointer(name: string): string {
  return jsonPointer([name]);
}

/** Maps @fastify/multipart and busboy failures to the documented codes. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(maxBytes) });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_FILES_LIMIT':
      return invalidField('MULTIPART_TOO_MANY_PARTS', '/', { params: { max: MAX_PARTS } });
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_MP_PREMATURE_CLOSE':
    case undefined:
      // busboy reports a malformed body ("Unexpected end of form", "Malformed part header") as a
      // plain Error without a code: the client's fault, not ours.
      return error instanceof Error ? invalidField('MULTIPART_MALFORMED', '/') : error;
    default:
      return error;
  }
}

/**
 * Reads a multipart/form-data request up to its file part and returns the fields sent before it and
 * the file as a stream (nothing is stored yet: the caller authorizes first, then streams `source`
 * into the artifact store with the same `maxBytes`).
 */
export async function receiveUpload(request: FastifyRequest, options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  const { maxBytes } = options;
  const allowedFields = options.fields ?? [];
  const fileField = options.fileField ?? 'file';
  // One byte over the limit reaches the store, which then refuses; busboy alone would only truncate.
  const iterator = request.parts({ limits: { fileSize: maxBytes + 1, fieldSize: MAX_FIELD_BYTES, parts: MAX_PARTS, fields: MAX_PARTS } });
  const nextPart = async (): Promise<IteratorResult<Multipart>> => {
    try {
      return await iterator.next();
    } catch (error) {
      throw uploadError(error, maxBytes);
    }
  };

  async function* fileThenEnd(part: MultipartFile): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of part.file) yield chunk as Buffer;
    } catch (error) {
      throw uploadError(error, maxBytes);
    }
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(maxBytes) });
    const after = await nextPart();
    if (!after.done) throw invalidField('MULTIPART_FILE_NOT_LAST', pointer(after.value.fieldname));
  }

  const fields: Partial<Record<string, string>> = {};
  for (;;) {
    const result = await nextPart();
    if (result.done) throw invalidField('MULTIPART_NO_FILE', pointer(fileField));
    const part = result.value;
    if (part.type === 'field') {
      if (!allowedFields.includes(part.fieldname)) throw invalidField('UNKNOWN_FIELD', pointer(part.fieldname));
      if (Object.hasOwn(fields, part.fieldname)) throw invalidField('FIELD_REPEATED', pointer(part.fieldname));
      if (part.valueTruncated || typeof part.value !== 'string') {
        throw invalidField('FIELD_TOO_LONG', pointer(part.fieldname), { params: { max: MAX_FIELD_BYTES } });
      }
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== fileField) throw invalidField('MULTIPART_FILE_FIELD', pointer(part.fieldname), { params: { field: fileField } });
    return { fields, fileName: part.filename, mediaType: part.mimetype, source: Readable.from(fileThenEnd(part), { objectMode: false }) };
  }
}
