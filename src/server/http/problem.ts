import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { formatBytes } from '../errors/format-bytes.ts';
import type { z } from 'zod';
import { AppError, type ErrorDetail, type Language } from '../errors/app-error.ts';
import { issueDetails } from '../errors/validation.ts';
import type { ErrorCode } from '../errors/error-codes.ts';
import { pickLanguage } from './language.ts';

/** The application/problem+json body every error response carries. */
export interface ProblemBody {
  type: 'about:blank';
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: ErrorDetail[];
}

/** The response language for this request (Accept-Language, then the user's setting). */
export function requestLanguage(request: FastifyRequest): Language {
  return pickLanguage(request.headers['accept-language'], request.actor?.language ?? null);
}

/** Maps Fastify's own request errors (body parsing, limits) to our codes. */
function fastifyErrorCode(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'MALFORMED_REQUEST';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return error instanceof SyntaxError && error.statusCode === 400 ? 'MALFORMED_JSON' : null;
  }
}

/** Converts any thrown value into the AppError it stands for; unknown errors become INTERNAL_ERROR. */
export function toAppError(error: unknown, bodyLimit?: number): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    // The type provider flattens each zod issue into {keyword, instancePath, message, params}.
    const issues = error.validation.map((entry) => ({
      ...entry.params,
      code: entry.keyword,
      message: entry.message ?? '',
      path: entry.instancePath === '/' ? [] : entry.instancePath.split('/').slice(1),
    })) as unknown as z.core.$ZodIssue[];
    return new AppError('VALIDATION_FAILED', {}, issueDetails(issues));
  }
  const fastifyError = error as FastifyError;
  const code = fastifyErrorCode(fastifyError);
  if (code === 'PAYLOAD_TOO_LARGE') return new AppError(code, { limit: formatBytes(bodyLimit ?? 0) });
  if (code) return new AppError(code);
  return new AppError('INTERNAL_ERROR');
}

/** Renders an error as application/problem+json in the request's language; never a stack trace. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const language = requestLanguage(request);
  const appError = toAppError(error, request.routeOptions.bodyLimit);
  if (appError.code === 'INTERNAL_ERROR') request.log.error({ err: error }, 'unhandled error');
  const body: ProblemBody = {
    type: 'about:blank',
    title: appError.code,
    status: appError.status,
    code: appError.code,
    detail: appError.messageIn(language),
  };
  if (appError.details.length > 0) body.errors = appError.detailsIn(language);
  return reply.status(appError.status).type('application/problem+json; charset=utf-8').header('content-language', language).send(body);
}
