// Checks a submitted PKCS#10 request before anything is stored: well-formed, ECDSA P-256,
// self-signature valid (proof that the submitter holds the private key) and CN = component code.
// Server-certificate requests (issue 13) need the same checks except the CN: parseCsrKey.
import { HttpProblem } from '../../../packages/http/src/index.js';
import { x509 } from '../../../packages/directory-client/src/x509-provider.js';

export type ParsedCsr = x509.Pkcs10CertificateRequest;

export async function parseCsr(pem: string, field: string, code: string): Promise<ParsedCsr> {
  const csr = await parseCsrKey(pem, field);
  const cn = csr.subjectName.getField('CN');
  if (cn.length !== 1 || cn[0] !== code) {
    throw HttpProblem.badRequest(`${field} must name the component (CN=${code})`, [{ field, message: `CN is ${cn.join(',') || 'missing'}` }]);
  }
  return csr;
}

/**
 * Well-formed, ECDSA P-256 and signed by the key it carries; the subject is not looked at (a
 * server certificate's names come from the administrator's request, not from the CSR).
 */
export async function parseCsrKey(pem: string, field: string): Promise<ParsedCsr> {
  let csr: ParsedCsr;
  try {
    if (!pem.includes('-----BEGIN CERTIFICATE REQUEST-----')) throw new Error('no PEM header');
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch {
    throw HttpProblem.badRequest(`${field} is not a PEM-encoded PKCS#10 certificate request`, [{ field, message: 'malformed CSR' }]);
  }
  const alg = csr.publicKey.algorithm as { name?: string; namedCurve?: string };
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') {
    throw HttpProblem.badRequest(`${field} must carry an ECDSA P-256 public key`, [{ field, message: `key algorithm ${alg.name ?? '?'} ${alg.namedCurve ?? ''}`.trim() }]);
  }
  let valid = false;
  try {
    valid = await csr.verify();
  } catch {
    valid = false;
  }
  if (!valid) {
    throw HttpProblem.badRequest(`${field} is not signed by the key it carries`, [{ field, message: 'CSR signature does not match its public key' }]);
  }
  return csr;
}

/** DER of the public key: used to refuse one key for both signing and authentication. */
export function publicKeyDer(csr: ParsedCsr): Buffer {
  return Buffer.from(csr.publicKey.rawData);
}
