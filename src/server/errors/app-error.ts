import { errorCodes, type ErrorCode } from './error-codes.ts';

export type Language = 'de' | 'en';

/** One problem detail inside `errors[]`; `row` is 1-based with the header as row 1. */
export interface ErrorDetail {
  code: string;
  message: string;
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  test?: string;
  /** RFC 6901 JSON pointer. */
  path?: string;
}

/**
 * A detail as raised: its message comes from the code table (with `params`) or, for schema
 * issues, from `text` in both languages. Rendered in the caller's language by `detailsIn`.
 */
export interface DetailSource extends Omit<ErrorDetail, 'message' | 'code'> {
  code: ErrorCode;
  params?: Record<string, string | number>;
  text?: Record<Language, string>;
}

/** A typed domain error with a stable code; rendered by the HTTP layer and the CLI alike. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly details: DetailSource[];

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details: DetailSource[] = []) {
    super(formatMessage(code, 'en', params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = details;
  }

  /** The message in the given language. */
  messageIn(language: Language): string {
    return formatMessage(this.code, language, this.params);
  }

  /** The details with their messages in the given language. */
  detailsIn(language: Language): ErrorDetail[] {
    return this.details.map(({ params, text, ...detail }) => ({
      ...detail,
      message: text ? text[language] : formatMessage(detail.code, language, params),
    }));
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** Fills a code's message template for one language. */
export function formatMessage(code: ErrorCode, language: Language, params: Record<string, string | number> = {}): string {
  return errorCodes[code][language].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
