// Request bodies, checked before anything is stored. EIC check characters are verified here.
import { isIP } from 'node:net';
import { z } from 'zod';
import { HttpProblem } from '../../packages/http/src/index.js';
import { isValidEic } from '../../packages/directory-client/src/eic.js';

const eic = z.string().refine(isValidEic, 'must be a 16-character EIC code with a valid check character');
const pem = z.string().min(1).max(8192);
const isoTime = z.iso.datetime({ offset: true });

export const registrationSchema = z.object({
  code: eic,
  type: z.enum(['TPS_CORE', 'ENDPOINT']),
  organisation: z.string().trim().min(1).max(200),
  contact: z.object({ name: z.string().max(200).optional(), email: z.email().max(200), phone: z.string().max(50).optional() }).strict(),
  parties: z
    .array(z.object({ party: eic, role: z.enum(['AGR', 'DSO', 'TPS']) }).strict())
    .max(100)
    .refine((ps) => new Set(ps.map((p) => p.party)).size === ps.length, 'a party may be listed once'),
  inbox: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/).optional(),
  signingCsr: pem,
  authenticationCsr: pem,
  // Optional for clients from before payload encryption (they certify one later, see below).
  encryptionCsr: pem.optional(),
}).strict();

export const renewalSchema = z.object({ signingCsr: pem, authenticationCsr: pem.optional(), encryptionCsr: pem.optional() }).strict();

export const encryptionKeySchema = z.object({ encryptionCsr: pem }).strict();

export const pathsSchema = z
  .object({
    paths: z
      .array(
        z
          .object({
            sender: z.union([z.literal('*'), eic]),
            businessType: z.string().regex(/^(\*|[A-Za-z0-9._:-]{1,63}\*?)$/, "exact business type or a prefix ending in '*'"),
            validFrom: isoTime.optional(),
            validUntil: isoTime.optional(),
          })
          .strict()
          .refine((p) => !p.validFrom || !p.validUntil || Date.parse(p.validFrom) < Date.parse(p.validUntil), 'validFrom must be before validUntil'),
      )
      .max(500),
  })
  .strict();

/** Certificate of a server the directory CA vouches for (issue 13): at most this many names, this validity. */
export const SERVER_CERTIFICATE_LIMITS = { maxHosts: 20, minDays: 1, maxDays: 825, defaultDays: 365 } as const;

/**
 * A DNS name (LDH labels, no wildcard: each host gets its own name) or an IPv4/IPv6 literal
 * without a zone (a zone only means something on one machine). All-numeric names that are not
 * IPs ("10.1.2") are refused: clients would read them as addresses, not names.
 */
export function isServerHost(h: string): boolean {
  if (h.includes('%')) return false;
  if (isIP(h)) return true;
  if (h.length > 253 || /^[\d.]+$/.test(h)) return false;
  return h.split('.').every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
}

export const serverCertificateSchema = z
  .object({
    csr: pem,
    hosts: z
      .array(z.string().max(253).refine(isServerHost, 'must be a DNS name (letters, digits, hyphens; no wildcard) or an IP address'))
      .min(1)
      .max(SERVER_CERTIFICATE_LIMITS.maxHosts)
      .refine((hs) => new Set(hs.map((h) => h.toLowerCase())).size === hs.length, 'a host may be listed once'),
    days: z.number().int().min(SERVER_CERTIFICATE_LIMITS.minDays).max(SERVER_CERTIFICATE_LIMITS.maxDays).optional(),
    clientAuth: z.boolean().optional(),
  })
  .strict();

export const codeParam = eic;

/** Parses or throws a 400 problem listing each failing field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  throw HttpProblem.badRequest(
    'the request body is not valid',
    r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
  );
}

export function parseCode(raw: unknown): string {
  const r = codeParam.safeParse(raw);
  if (!r.success) throw HttpProblem.badRequest('the component code is not a valid EIC code', [{ field: 'code', message: 'invalid EIC' }]);
  return r.data;
}
