/**
 * Errors with a stable id. The id is the contract with API clients and scripts:
 * messages may change, ids may not. The server maps `status` to HTTP; the CLI prints one line.
 */
export class RempartError extends Error {
  constructor(
    /** Stable, dotted identifier such as `mail.too_large` or `auth.forbidden`. */
    readonly id: string,
    message: string,
    /** HTTP status the server answers with. */
    readonly status: number = 400,
    /** Extra machine-readable facts (the bad key, the line number). Never secrets. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RempartError';
  }
}

export const ValidationError = (id: string, message: string, details?: Record<string, unknown>) =>
  new RempartError(id, message, 400, details);
export const NotFoundError = (id: string, message: string) => new RempartError(id, message, 404);
export const UnauthorizedError = (message = 'Authentication required') =>
  new RempartError('auth.required', message, 401);
export const ForbiddenError = (message = 'Your role does not allow this action') =>
  new RempartError('auth.forbidden', message, 403);
export const ConflictError = (id: string, message: string) => new RempartError(id, message, 409);
export const TooLargeError = (id: string, message: string) => new RempartError(id, message, 413);
export const RateLimitedError = (message = 'Too many attempts, try again later') =>
  new RempartError('rate_limited', message, 429);
export const UnavailableError = (id: string, message: string) => new RempartError(id, message, 503);

export function isRempartError(e: unknown): e is RempartError {
  return e instanceof RempartError;
}
