/** The API's error catalogue: one JSON shape, stable codes clients can switch on. */
export const API_ERRORS = {
  UNAUTHORIZED: { status: 401, message: 'a valid bearer token is required' },
  FORBIDDEN: { status: 403, message: 'this token may not do that' },
  NOT_FOUND: { status: 404, message: 'no such resource' },
  INVALID_REQUEST: { status: 400, message: 'the request is not valid' },
  BODY_TOO_LARGE: { status: 413, message: 'the request body is too large' },
  CONFLICT: { status: 409, message: 'the resource is not in a state that allows this' },
  INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? API_ERRORS[code].message);
    this.status = API_ERRORS[code].status;
  }
}

export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;
