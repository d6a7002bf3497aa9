// Transport security settings (issue 13): HTTPS on every REST facade and the directory, mutual
// TLS component ↔ directory, and amqps to RabbitMQ, all with certificates from the directory CA.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { bool, optionalStr } from './env.js';

type Env = Record<string, string | undefined>;

export interface TlsConfig {
  /** TPS_TLS: HTTPS on every HTTP server of the process, mutual TLS to the directory, amqps only. */
  enabled: boolean;
  /** TPS_TLS_HOSTS: names and addresses the issued server certificate carries (clients check them). */
  hosts: string[];
  /** TPS_TLS_CERT_FILE + TPS_TLS_KEY_FILE: the operator's own server certificate (PEM), instead of one issued here. */
  certFile: string | undefined;
  keyFile: string | undefined;
  /** TPS_TLS_CA_FILE: trust anchor for the directory and RabbitMQ before enrolment gave us the directory CA. */
  caFile: string | undefined;
  /**
   * Filled in by the platform at start-up (not from the environment): the key and certificate
   * every HTTPS server of this process presents.
   */
  server?: { keyPem: string; certPem: string; caPem?: string; hostnames: string[] };
  /**
   * Filled in per messaging component by the platform: the amqps trust anchor and client
   * certificate for every broker connection the component opens (asked at each connect).
   */
  amqp?: () => { caPem: string; certPem?: string; keyPem?: string } | undefined;
}

export function loadTlsConfig(env: Env): TlsConfig {
  const hosts = (optionalStr(env, 'TPS_TLS_HOSTS') ?? 'localhost,127.0.0.1')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  if (hosts.length === 0 || hosts.some((h) => !/^[A-Za-z0-9.:-]+$/.test(h))) {
    throw new ConfigError('TPS_TLS_HOSTS', 'must be a comma-separated list of host names or IP addresses');
  }
  const certFile = optionalStr(env, 'TPS_TLS_CERT_FILE');
  const keyFile = optionalStr(env, 'TPS_TLS_KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError(certFile === undefined ? 'TPS_TLS_CERT_FILE' : 'TPS_TLS_KEY_FILE', 'TPS_TLS_CERT_FILE and TPS_TLS_KEY_FILE go together');
  }
  const caFile = optionalStr(env, 'TPS_TLS_CA_FILE');
  return {
    enabled: bool(env, 'TPS_TLS', false),
    hosts,
    certFile: certFile && resolve(certFile),
    keyFile: keyFile && resolve(keyFile),
    caFile: caFile && resolve(caFile),
  };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** Reads a PEM file named by a variable; a missing or unreadable file names the variable. */
export function readPemFile(file: string, variable: string): string {
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN ')) throw new Error('no PEM block');
    return pem;
  } catch (err) {
    throw new ConfigError(variable, `cannot read PEM file ${file}: ${(err as Error).message}`);
  }
}
