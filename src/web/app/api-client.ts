// The one fetch wrapper: JSON in and out, Accept-Language, CSRF header on writes, If-Match, and
// problem+json turned into ApiError.
import i18n from 'i18next';

/** One field-level problem of a validation error. */
export interface FieldProblem {
  code: string;
  message: string;
  path?: string;
}

/** A failed API call, carrying the server's problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldProblem[];

  constructor(status: number, code: string, detail: string, fieldErrors: FieldProblem[]) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON body, sent as application/json. */
  body?: unknown;
  /** The object's version; sent as `If-Match: "<version>"`. */
  version?: number;
  /** Query parameters; null and undefined values are left out. */
  query?: Record<string, string | number | null | undefined>;
}

let csrfToken: string | null = null;
let unauthenticatedListener: (() => void) | null = null;

/** Remembers the CSRF token of the current session (from login, setup or me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when the session ends (any 401 outside the login call). */
export function onUnauthenticated(listener: () => void): void {
  unauthenticatedListener = listener;
}

/** Calls `/api/v1${path}` and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.language === 'en' ? 'en' : 'de',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;

  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const url = `/api/v1${path}${search.size > 0 ? `?${search.toString()}` : ''}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'), []);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const problem = toProblem(response.status, parsed);
    if (response.status === 401 && problem.code !== 'INVALID_CREDENTIALS' && !path.startsWith('/auth/login')) {
      unauthenticatedListener?.();
    }
    throw problem;
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toProblem(status: number, body: unknown): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === 'string' ? record.code : `HTTP_${status}`;
  const detail = typeof record.detail === 'string' ? record.detail : i18n.t('errors.unexpected', { status });
  const fieldErrors = Array.isArray(record.errors)
    ? record.errors.filter((entry): entry is FieldProblem => typeof entry === 'object' && entry !== null && 'message' in entry)
    : [];
  return new ApiError(status, code, detail, fieldErrors);
}
