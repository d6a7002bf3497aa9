// @peculiar/x509 builds CSRs and certificates for ECDSA keys (node-forge's X.509 is RSA-only).
// It needs reflect-metadata loaded first and a WebCrypto provider; this module does both once,
// so every importer gets a ready library.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** ECDSA P-256 with SHA-256: the platform's only signing algorithm (see docs/directory.md). */
export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export { x509 };
