import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { Actor } from '../policies/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor, or null; set for every request before routing. */
    actor: Actor | null;
    /** CSRF token of the cookie session, or null when not authenticated by cookie. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session or token (setup, login, health). */
    public?: boolean;
  }
}

/** The actor of an authenticated request; throws UNAUTHENTICATED (401) otherwise. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** The version named by If-Match (`"3"` or `W/"3"`); 428 when missing, 412 when unparsable. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('PRECONDITION_REQUIRED');
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new AppError('STALE_OBJECT');
  return Number(match[1]);
}

/** Sets the ETag of a versioned object. */
export function setEtag(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${version}"`);
}

/** Throws STALE_OBJECT unless the stored version is the one the client saw. */
export function assertVersion(current: number, expected: number): void {
  if (current !== expected) throw new AppError('STALE_OBJECT');
}
