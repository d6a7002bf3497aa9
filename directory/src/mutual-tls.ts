// Mutual TLS for component-side routes (issue 13): with TPS_TLS on, a component token alone is
// not enough — the TLS client certificate must be one of that component's own, currently valid,
// unrevoked authentication certificates issued by this directory's CA. A stolen token without
// the component's private key is useless; a revoked component's certificate no longer matches.
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Request } from 'express';
import { HttpProblem } from '../../packages/http/src/index.js';
import type { DirectoryService } from './directory-service.js';
import type { ComponentEntity } from './model.js';

/** The client certificate the TLS layer verified against the directory CA, if any (DER). */
function verifiedPeerCertificate(req: Request): Buffer | 'unverified' | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.encrypted || typeof socket.getPeerCertificate !== 'function') return undefined;
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.raw) return undefined;
  // requestCert without rejectUnauthorized: the handshake succeeds, `authorized` tells the chain result.
  return socket.authorized ? peer.raw : 'unverified';
}

/**
 * Throws 401 unless the request's TLS client certificate is one of `component`'s published
 * authentication certificates. `optional`: a request without any client certificate passes
 * (the first certificate fetch of an enrolment, before the component holds one).
 */
export async function requireComponentCertificate(service: DirectoryService, req: Request, component: ComponentEntity, optional = false): Promise<void> {
  const peer = verifiedPeerCertificate(req);
  if (peer === undefined) {
    if (optional) return;
    throw HttpProblem.unauthorized('a TLS client certificate of this component (issued by the directory CA) is required');
  }
  if (peer === 'unverified') throw HttpProblem.unauthorized('the TLS client certificate is not issued by the directory CA');
  const presented = new X509Certificate(peer);
  const valid = await service.certificates.listValid(service.db, new Date().toISOString(), component.code);
  const match = valid.find((c) => c.usage === 'authentication' && c.serial === presented.serialNumber.toUpperCase());
  // Same serial is not enough on its own: compare the whole certificate.
  if (!match || new X509Certificate(match.pem).fingerprint256 !== presented.fingerprint256) {
    throw HttpProblem.unauthorized(`the TLS client certificate is not a valid authentication certificate of ${component.code}`);
  }
}
