// Request bodies, checked before anything is stored. EIC check characters are verified here.
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
