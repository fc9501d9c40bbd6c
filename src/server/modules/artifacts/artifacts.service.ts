import { randomUUID } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../context.ts';
import { withWrite } from '../../db/write.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../policies/actor.ts';
import { allowedActions, authorize, type Action } from '../../policies/policies.ts';
import type { Role } from '../../policies/roles.ts';
import type { Placement } from '../../policies/scope.ts';
import { findArtifactById, insertArtifact, type ArtifactRow } from './artifacts.repository.ts';
import type { ArtifactView } from './artifacts.schema.ts';

/** Actions offered on an artifact object (its `allowed_actions`). */
export const artifactActions: Action[] = ['artifact.read'];

const MAX_NAME_LENGTH = 255;
const FALLBACK_NAME = 'upload';
const FALLBACK_MEDIA_TYPE = 'application/octet-stream';
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * The file name to keep: the last path segment, without control and bidirectional-override
 * characters (they disguise extensions), NFC, at most 255 characters; 'upload' when nothing is left.
 */
export function cleanFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069\u200e\u200f]/gu, '')
    .trim();
  const truncated = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  return /^\.*$/.test(truncated) ? FALLBACK_NAME : truncated;
}

/** The declared media type as `type/subtype` in lower case, or application/octet-stream when malformed. */
export function cleanMediaType(mediaType: string): string {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return MEDIA_TYPE.test(essence) && essence.length <= MAX_NAME_LENGTH ? essence : FALLBACK_MEDIA_TYPE;
}

function placementOf(row: Pick<ArtifactRow, 'site_id'>): Placement | 'global' {
  return row.site_id ? { siteId: row.site_id } : 'global';
}

/** The API shape of an artifact for `actor`. */
export function presentArtifact(actor: Actor, row: ArtifactRow): ArtifactView {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    media_type: row.media_type,
    original_name: row.original_name,
    uploaded_by: row.uploaded_by,
    site_id: row.site_id,
    site_key: row.site_key,
    created_at: row.created_at,
    allowed_actions: allowedActions(actor, artifactActions, placementOf(row)),
  };
}

/**
 * Read access: artifacts of a site need 'artifact.read' at that site; installation-wide artifacts
 * are readable by anyone holding some grant (and invisible, not forbidden, to anyone else).
 */
function authorizeRead(actor: Actor, row: ArtifactRow): Role {
  if (!row.site_id && actor.grants.length === 0) throw new AppError('NOT_FOUND');
  return authorize(actor, 'artifact.read', placementOf(row));
}

export interface StoreArtifactOptions {
  /** The bytes; streamed into the artifact store, never held in memory. */
  source: Readable;
  /** The file name the uploader gave; cleaned by `cleanFileName` before it is stored. */
  originalName: string;
  /** The media type the uploader declared; kept as metadata only, never used to serve the file. */
  mediaType: string;
  /** The site the artifact belongs to, or null for an installation-wide artifact. */
  siteId: string | null;
  /** Upload limit in bytes; PAYLOAD_TOO_LARGE past it. */
  maxBytes: number;
}

/**
 * Stores an uploaded file: authorizes 'artifact.upload' at its site (or installation-wide), streams
 * the bytes into the store, then records the artifacts row and its audit event in one transaction.
 */
export async function storeArtifact(ctx: AppContext, actor: Actor, options: StoreArtifactOptions): Promise<ArtifactView> {
  const role = authorize(actor, 'artifact.upload', options.siteId ? { siteId: options.siteId } : 'global');
  let siteKey: string | null = null;
  if (options.siteId) {
    const site = await ctx.db.selectFrom('sites').select('key').where('id', '=', options.siteId).executeTakeFirst();
    if (!site) throw new AppError('NOT_FOUND');
    siteKey = site.key;
  }
  // The blob is written before the transaction: file I/O never runs inside it. A blob without a row
  // (when the transaction fails) is harmless and is reused by the next upload of the same bytes.
  const blob = await ctx.artifacts.put(options.source, { maxBytes: options.maxBytes });
  const row = {
    id: randomUUID(),
    sha256: blob.sha256,
    size: blob.size,
    media_type: cleanMediaType(options.mediaType),
    original_name: cleanFileName(options.originalName),
    uploaded_by: actor.userId,
    site_id: options.siteId,
    created_at: ctx.clock.now().toISOString(),
  };
  await withWrite(ctx, async (scope) => {
    await insertArtifact(scope.trx, row);
    await scope.audit({
      actor,
      role,
      action: 'artifact.upload',
      objectType: 'artifact',
      objectId: row.id,
      siteId: row.site_id,
      summary: `Uploaded artifact "${row.original_name}" (${row.size} bytes, sha256 ${row.sha256})`,
    });
  });
  return presentArtifact(actor, { ...row, site_key: siteKey });
}

/** One artifact's metadata; NOT_FOUND when missing or outside the actor's scope. */
export async function getArtifact(ctx: AppContext, actor: Actor, id: string): Promise<ArtifactView> {
  const row = await findArtifactById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorizeRead(actor, row);
  return presentArtifact(actor, row);
}

export interface ReadArtifactOptions {
  /** Blobs up to this size are read and verified completely before the content stream is returned. */
  verifyFirstUpTo: number;
}

/** An artifact's metadata and a stream of its verified bytes. */
export interface ArtifactContent {
  artifact: ArtifactView;
  /** Errors with ARTIFACT_CORRUPT (withholding the final bytes) when the blob no longer matches. */
  content: Readable;
}

const discard = (): Writable => new Writable({ write: (_chunk, _encoding, callback) => callback() });

/**
 * Opens an artifact for download after 'artifact.read'. Small blobs are verified before anything is
 * sent, so corruption becomes a clean ARTIFACT_CORRUPT; larger ones are verified while streaming. A
 * missing blob is reported as ARTIFACT_CORRUPT too: the row promises bytes the store cannot give.
 */
export async function readArtifact(ctx: AppContext, actor: Actor, id: string, options: ReadArtifactOptions): Promise<ArtifactContent> {
  const row = await findArtifactById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorizeRead(actor, row);
  const logCorruption = (error: unknown): void => {
    const code = error instanceof AppError ? error.code : 'UNKNOWN';
    ctx.logger.error({ artifact_id: row.id, sha256: row.sha256, code }, 'artifact blob is missing or does not match its digest');
  };
  const openBlob = async (): Promise<Readable> => {
    try {
      return await ctx.artifacts.open(row.sha256);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        logCorruption(error);
        throw new AppError('ARTIFACT_CORRUPT', { sha256: row.sha256 });
      }
      throw error;
    }
  };
  if (Number(row.size) <= options.verifyFirstUpTo) {
    const verifying = await openBlob();
    try {
      await pipeline(verifying, discard());
    } catch (error) {
      if (error instanceof AppError && error.code === 'ARTIFACT_CORRUPT') logCorruption(error);
      throw error;
    }
  }
  const content = await openBlob();
  content.once('error', (error) => {
    if (error instanceof AppError && error.code === 'ARTIFACT_CORRUPT') logCorruption(error);
  });
  return { artifact: presentArtifact(actor, row), content };
}
