// Key pairs are generated here, inside the component; only CSRs (public keys) leave it.
import { createPrivateKey, webcrypto, type KeyObject } from 'node:crypto';
import { EC_ALGORITHM, x509 } from './x509-provider.js';

export interface GeneratedKey {
  privateKey: KeyObject;
  /** PKCS#10 PEM naming the component, signed with the private key (proof of possession). */
  csrPem: string;
}

/** Generates an ECDSA P-256 key pair and a CSR with CN = component code. */
export async function generateKeyAndCsr(code: string, organisation: string): Promise<GeneratedKey> {
  const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [code] }, { O: [organisation] }],
    keys,
    signingAlgorithm: EC_ALGORITHM,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }), csrPem: csr.toString('pem') };
}
