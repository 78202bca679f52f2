import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../../platform/logger';

/** Failure codes shared by the API, activities and workflows. */
export enum FailureCode {
  BadInput = 'BAD_INPUT',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  CsrfMismatch = 'CSRF_MISMATCH',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Conflict = 'CONFLICT',
  ReviewRequired = 'REVIEW_REQUIRED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  InvalidSignature = 'INVALID_SIGNATURE',
  Unavailable = 'UNAVAILABLE',
  Internal = 'INTERNAL',
}

const STATUS: Record<FailureCode, number> = {
  [FailureCode.BadInput]: 400,
  [FailureCode.NotFound]: 404,
  [FailureCode.Unauthenticated]: 401,
  [FailureCode.Forbidden]: 403,
  [FailureCode.CsrfMismatch]: 403,
  [FailureCode.InvalidCredentials]: 401,
  [FailureCode.AccountLocked]: 423,
  [FailureCode.TooManyRequests]: 429,
  [FailureCode.Conflict]: 409,
  [FailureCode.ReviewRequired]: 409,
  [FailureCode.PayloadTooLarge]: 413,
  [FailureCode.InvalidSignature]: 401,
  [FailureCode.Unavailable]: 503,
  [FailureCode.Internal]: 500,
};

/** The one error class of the API; its message is shown to staff, so it is Japanese. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** What the staff see for an unexpected server fault; the details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'サーバーで問題が発生しました。しばらくしてからもう一度お試しください。';

/** Turns anything thrown into `{ error: { code, message, details? } }` with a matching status. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return new AppError(FailureCode.PayloadTooLarge, 'リクエストが大きすぎます。');
  if (e?.type === 'entity.parse.failed') return new AppError(FailureCode.BadInput, 'JSON の形式が正しくありません。');
  return new AppError(FailureCode.Internal, INTERNAL_ERROR_MESSAGE);
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status >= 500) logger.error({ err, route: req.route?.path ?? req.path }, 'request failed');
    res.status(appError.status).json({
      error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
    });
  };
}
