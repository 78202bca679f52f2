import { HttpError } from 'react-admin';

/** Every API error has this shape (see api/http/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Codes shown through our own translations, so they follow the chosen locale.
 * Other errors show the API's message, which is written in Japanese for staff.
 */
const TRANSLATED_CODES: Record<string, string> = {
  FORBIDDEN: 'yorisoi.errors.forbidden',
  CSRF_MISMATCH: 'yorisoi.errors.csrf_mismatch',
  INVALID_CREDENTIALS: 'yorisoi.auth.invalid_credentials',
  ACCOUNT_LOCKED: 'yorisoi.auth.account_locked',
  REVIEW_REQUIRED: 'yorisoi.consultation.reviewRequired',
};

// Kept in memory only: a page reload fetches it again from /api/auth/me.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
}

/** Calls the same-origin JSON API; rejects with an HttpError whose message is ready to show. */
export async function httpClient<T>(url: string, { method = 'GET', body }: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HttpError('yorisoi.errors.network', 0);
  }

  const text = await response.text();
  const json: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) throw toHttpError(response.status, json);
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toHttpError(status: number, json: unknown): HttpError {
  const error = (json as Partial<ApiErrorBody> | undefined)?.error;
  if (!error) return new HttpError('ra.notification.http_error', status);
  const message = TRANSLATED_CODES[error.code] ?? error.message;
  return new HttpError(message, status, { ...error, errors: formErrors(error.details, message) });
}

/**
 * Turns `details: [{ field, message }]` into react-admin's server-side validation shape,
 * so a create or edit form marks the fields and keeps the user's input.
 */
function formErrors(details: unknown, message: string): Record<string, unknown> | undefined {
  if (!Array.isArray(details)) return undefined;
  const errors: Record<string, unknown> = {};
  for (const detail of details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string' || !detail.field) continue;
    errors[detail.field] = fieldMessage(detail.message);
  }
  if (Object.keys(errors).length === 0) return undefined;
  return { ...errors, root: { serverError: message } };
}

// Some field messages from the API are library defaults in English; those get a generic Japanese hint.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
function fieldMessage(message: unknown): string {
  return typeof message === 'string' && JAPANESE.test(message) ? message : 'yorisoi.errors.check_field';
}
