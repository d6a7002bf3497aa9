// RFC 9457 problem details: the one way every REST facade reports an error.
export const ProblemCode = {
  BadRequest: 'BAD_REQUEST',
  Validation: 'VALIDATION_FAILED',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  Unavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_ERROR',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** An error that becomes an application/problem+json response with its status. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: { errors?: ProblemFieldError[]; [k: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }

  static badRequest(detail: string, errors?: ProblemFieldError[]): HttpProblem {
    return new HttpProblem(400, ProblemCode.Validation, detail, errors ? { errors } : {});
  }
  static unauthorized(detail = 'a valid bearer token is required'): HttpProblem {
    return new HttpProblem(401, ProblemCode.Unauthorized, detail);
  }
  static forbidden(detail: string): HttpProblem {
    return new HttpProblem(403, ProblemCode.Forbidden, detail);
  }
  static notFound(detail: string): HttpProblem {
    return new HttpProblem(404, ProblemCode.NotFound, detail);
  }
  static conflict(detail: string, extra: Record<string, unknown> = {}): HttpProblem {
    return new HttpProblem(409, ProblemCode.Conflict, detail, extra);
  }
}

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
