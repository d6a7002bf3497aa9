// A route served below express (issue 14: 10,000 parked long-polls per process). Express and its
// middleware stack (helmet, pino-http, metrics timing, body parser, rate-limit state) cost ≈ 18 kB
// of heap per parked request and ≈ 0.8 ms of CPU per answer; a plain node:http request ≈ 9 kB.
// `serveInFront` hands one exact GET path to a plain handler and everything else to express;
// `FrontExchange` gives that handler what the base app gives express routes — the same security
// headers (one precomputed block), request id, problem+json errors, one log line per answer and
// the request-duration metric — with one 'close' listener per request and the answer written as
// one writeHead(status, flat header list) + end(body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';
import { problemJson, toProblem } from './error-middleware.js';
import { requestId, withoutQueryValues } from './base-app.js';
import { ClientGone, type AbortSource } from './client-gone.js';

/** What a front route shares with the express app it stands in front of. */
export interface FrontPlumbing {
  app: Express;
  logger: Logger;
  httpDuration: Histogram<string>;
  /** Helmet's headers (BaseApp.securityHeaders). */
  securityHeaders: readonly string[];
}

type EtagFn = (body: Buffer | string, encoding?: BufferEncoding) => string | undefined;
type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/**
 * GET `path` without a request body goes to `serve`; any other request (other paths, other
 * methods, spellings express also routes there such as a trailing slash, bodies express would
 * parse) goes to express unchanged. The express app remains the server's request listener.
 */
export function serveInFront(app: Express, path: string, serve: (req: IncomingMessage, res: ServerResponse) => void): void {
  const target = app as unknown as { handle: Handle };
  const viaExpress = target.handle.bind(app);
  // An express app is `(req, res, next) => app.handle(req, res, next)`: whatever calls it (listen,
  // the https server, tests) passes through here first.
  target.handle = (req, res, next) => {
    if (req.method === 'GET' && pathOf(req.url) === path && !hasBody(req)) serve(req, res);
    else viaExpress(req, res, next);
  };
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** `req.ip` as express computes it (its `trust proxy` setting applied), without express's request object. */
function ipOf(app: Express, req: IncomingMessage): string | undefined {
  // A small stand-in with what the getter reads (`app`; proxy-addr/forwarded read `headers` and
  // `socket`), not `Object.create(req)`: that turned every parked request into a prototype, which
  // V8 gives its own hidden class — memory and CPU per request during the arrival (issue 14).
  return ipGetter(app).call({ app, headers: req.headers, socket: req.socket, connection: req.socket });
}
let cachedIpGetter: (() => string | undefined) | undefined;
function ipGetter(app: Express): () => string | undefined {
  cachedIpGetter ??= Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.request) as object, 'ip')?.get ?? Object.getOwnPropertyDescriptor(app.request, 'ip')!.get!;
  return cachedIpGetter;
}

/** One request served in front of express; subclasses keep their own state in fields, not closures. */
export class FrontExchange {
  private correlationId: string | undefined;
  private readonly startedAt = performance.now();
  /** Headers decided before the answer (e.g. rate-limit state), as a flat name/value list. */
  headers: string[] = [];
  /** The metric's route label: express labels requests that never matched a route 'unmatched'. */
  route: string;
  private gone: ClientGone | undefined;

  constructor(
    protected readonly plumbing: FrontPlumbing,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    route: string,
  ) {
    this.route = route;
    // 'on', not 'once': 'close' is emitted once, and once() adds a wrapper, its state and a bound function per request.
    res.on('close', () => this.closed());
  }

  /**
   * The request's correlation id, made when first needed (the answer, its log line): a parked
   * request holds none — a randomUUID() is a tree of ≈ 20 string pieces (≈ 0.6 kB) until written.
   */
  get id(): string {
    return (this.correlationId ??= requestId(this.req.headers['x-request-id']));
  }

  /** The client address as express's `req.ip` gives it. */
  get ip(): string | undefined {
    return ipOf(this.plumbing.app, this.req);
  }

  /** The query as express's default ('simple') query parser gives it. */
  query(): ParsedUrlQuery {
    const url = this.req.url ?? '';
    const q = url.indexOf('?');
    return q < 0 ? {} : parseQuery(url.slice(q + 1));
  }

  /** Aborts when the client goes away before the answer was written (a light AbortSignal). */
  get signal(): AbortSource {
    this.gone ??= new ClientGone();
    return this.gone;
  }

  /** The app's ETag of a body (express's `etag fn`), so shared answers match what res.send sends. */
  etagOf(body: Buffer): string | undefined {
    return (this.plumbing.app.get('etag fn') as EtagFn | undefined)?.(body, 'utf8');
  }

  /** Writes the whole answer: helmet's block, the request's own headers, the body headers. */
  send(status: number, contentType: string, body: Buffer, etag: string | undefined): void {
    const notModified = status === 200 && etag !== undefined && fresh(this.req, etag);
    const headers = [...this.plumbing.securityHeaders, 'X-Request-Id', this.id, ...this.headers];
    if (!notModified) headers.push('Content-Type', contentType, 'Content-Length', String(body.length));
    if (etag !== undefined) headers.push('ETag', etag);
    this.res.writeHead(notModified ? 304 : status, headers);
    this.res.end(notModified ? undefined : body);
  }

  /** An error as problemHandler answers it: the same body, status, log line. */
  fail(err: unknown): void {
    const problem = toProblem(err);
    if (problem.status >= 500) this.plumbing.logger.error({ req: this.logged(), err, correlationId: this.id }, 'request failed');
    else this.plumbing.logger.info({ req: this.logged(), code: problem.code, detail: problem.detail, correlationId: this.id }, 'request rejected');
    if (this.res.headersSent) return;
    const body = Buffer.from(problemJson(problem, this.req.url ?? '', this.id), 'utf8');
    this.send(problem.status, PROBLEM_TYPE, body, this.etagOf(body));
  }

  /** Called once the response is over: `finished` when the answer was handed to the socket. */
  protected settled(_finished: boolean): void {}

  private closed(): void {
    const finished = this.res.writableFinished;
    if (!finished && this.gone) this.gone.abort();
    const status = this.res.statusCode;
    const ms = performance.now() - this.startedAt;
    // As timingMiddleware: only answers that were sent are timed.
    if (finished) this.plumbing.httpDuration.observe({ method: 'GET', route: this.route, status: String(status) }, ms / 1000);
    // As pino-http: one line per request.
    const message = !finished ? 'request aborted' : status >= 500 ? 'request errored' : 'request completed';
    this.plumbing.logger.info({ req: this.logged(), res: { status }, responseTime: Math.round(ms) }, message);
    this.settled(finished);
  }

  private logged(): { id: string; method: string; url: string } {
    return { id: this.id, method: 'GET', url: withoutQueryValues(this.req.url ?? '') };
  }
}

/** Express's `req.fresh` for a GET answered 200 with `etag`: If-None-Match names it (weakly). */
function fresh(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (!noneMatch) return false;
  const cacheControl = req.headers['cache-control'];
  if (cacheControl && /(?:^|,)\s*no-cache\s*(?:,|$)/.test(cacheControl)) return false;
  if (noneMatch.trim() === '*') return true;
  const bare = (t: string) => (t.startsWith('W/') ? t.slice(2) : t);
  return noneMatch.split(',').some((t) => bare(t.trim()) === bare(etag));
}
