// The one fetch wrapper: JSON in and out, Accept-Language, CSRF header on writes, If-Match, and
// problem+json turned into ApiError.
import i18n from 'i18next';

/** One field-level problem of a validation error. */
export interface FieldProblem {
  code: string;
  message: string;
  path?: string;
  /** File problems (imports): where in the file, 1-based rows with the header as row 1. */
  file?: string;
  row?: number;
  column?: string;
  value?: string;
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
  /** Multipart body (file uploads); the browser sets the content type with its boundary. */
  formData?: FormData;
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

/** Sends the request and turns failures (network, non-2xx) into ApiError. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept,
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
      body: options.formData ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'), []);
  }
  if (!response.ok) {
    const text = await response.text();
    const problem = toProblem(response.status, text ? safeParse(text) : undefined);
    if (response.status === 401 && problem.code !== 'INVALID_CREDENTIALS' && !path.startsWith('/auth/login')) {
      unauthenticatedListener?.();
    }
    throw problem;
  }
  return response;
}

/** Calls `/api/v1${path}` and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? safeParse(text) : undefined) as T;
}

/** Fetches an attachment from `/api/v1${path}` and hands it to the browser as a download. */
export async function apiDownload(path: string, options: RequestOptions, fallbackName: string): Promise<void> {
  const response = await send(path, options, '*/*');
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName) : fallbackName;
  saveBlob(blob, name);
}

/** Offers a blob as a file download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
