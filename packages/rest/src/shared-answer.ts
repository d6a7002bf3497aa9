// One JSON answer for many long-poll responses. Waiters woken together share one read (SharedReads)
// and so one result array; this turns that array into the bytes, length and ETag once, and each
// response only copies headers and writes the same Buffer (issue 14: 10,000 answers per signal).
// The headers are exactly those `res.send(string)` would produce: `application/json; charset=utf-8`,
// Content-Length, and the ETag of the app's `etag fn` (so If-None-Match still answers 304).
import type { Request, Response } from 'express';

export interface Prepared {
  body: Buffer;
  etag: string | undefined;
}

export type EtagFn = (body: Buffer | string, encoding?: BufferEncoding) => string | undefined;

export class SharedAnswers<T extends object> {
  private readonly prepared = new WeakMap<T, Prepared>();

  /** `value` is the shared result; `toJson` builds the body from it (called once per value). */
  send(req: Request, res: Response, value: T, toJson: (value: T) => string): void {
    const p = this.prepare(value, toJson, req.app.get('etag fn') as EtagFn | undefined);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (p.etag !== undefined) res.setHeader('ETag', p.etag);
    res.send(p.body);
  }

  /** The body and ETag of `value`, made on the first call for it (also for routes below express). */
  prepare(value: T, toJson: (value: T) => string, etagFn: EtagFn | undefined): Prepared {
    let p = this.prepared.get(value);
    if (p === undefined) {
      const body = Buffer.from(toJson(value), 'utf8');
      p = { body, etag: etagFn ? etagFn(body, 'utf8') : undefined };
      this.prepared.set(value, p);
    }
    return p;
  }
}
