// A small JSON client for the two REST facades (endpoint-agr/api.raml, endpoint-dso/api.raml):
// the scenarios drive the platform only through these, as a DSO or an AGR/BRP would.

export class RestError extends Error {
  override readonly name = 'RestError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export interface RestCall {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export class RestClient {
  /** Every call made, for the narration's progress lines. */
  readonly calls: RestCall[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    /** Who is calling, for messages. */
    readonly label: string,
  ) {}

  get<T>(path: string, expect: number[] = [200]): Promise<T> {
    return this.call<T>('GET', path, undefined, expect);
  }

  post<T>(path: string, body: unknown, expect: number[] = [202]): Promise<T> {
    return this.call<T>('POST', path, body, expect);
  }

  put<T>(path: string, body: unknown, expect: number[] = [202]): Promise<T> {
    return this.call<T>('PUT', path, body, expect);
  }

  delete<T>(path: string, expect: number[] = [202]): Promise<T> {
    return this.call<T>('DELETE', path, undefined, expect);
  }

  async call<T>(method: string, path: string, body: unknown, expect: number[]): Promise<T> {
    const started = Date.now();
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    this.calls.push({ method, path, status: res.status, ms: Date.now() - started });
    if (!expect.includes(res.status)) throw new RestError(method, `${this.label} ${path}`, res.status, parsed);
    return parsed as T;
  }
}
