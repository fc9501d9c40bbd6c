import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { CSRF_HEADER } from '../../http/app.ts';
import { cliActor } from '../../policies/actor.ts';
import { createUser, type CreateUserInput } from '../users/users.service.ts';
import { SESSION_COOKIE } from './authenticate.ts';

// Helpers for the account tests: users made through the real use case, logins through the API.

/** The password every fixture user gets unless told otherwise. */
export const FIXTURE_PASSWORD = 'correct horse battery';

/** Creates a user with the CLI actor (full rights) and returns its id. */
export async function fixtureUser(ctx: AppContext, input: Partial<CreateUserInput> & Pick<CreateUserInput, 'username' | 'grants'>): Promise<string> {
  const view = await createUser(ctx, cliActor('test'), { password: FIXTURE_PASSWORD, ...input });
  return view.id;
}

/** A logged-in browser: its cookie and CSRF headers. */
export interface FixtureSession {
  cookie: string;
  csrfToken: string;
  /** Headers for reads and cookie-authenticated writes. */
  headers: Record<string, string>;
}

/** Logs in through POST /auth/login and asserts it worked. */
export async function loginAs(app: FastifyInstance, username: string, password = FIXTURE_PASSWORD, remoteAddress = '127.0.0.1'): Promise<FixtureSession> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  assert.ok(cookie, 'session cookie set');
  const csrfToken = response.json<{ csrf_token: string }>().csrf_token;
  return { cookie: cookie.value, csrfToken, headers: { cookie: `${SESSION_COOKIE}=${cookie.value}`, [CSRF_HEADER]: csrfToken } };
}
