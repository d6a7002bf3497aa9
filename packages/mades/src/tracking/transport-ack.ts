// Transport acknowledgements (F1): the receiving endpoint tells the sender RECEIVED or FAILED
// (+ reason) in a signed ACK envelope that travels back through the broker like any message.
// Many acknowledgements for one sender share one envelope, so acks cost a fraction of a message
// each. The body is the messaging layer's own JSON, not a business document.
import { z } from 'zod';
import { FailedReason } from '../errors.js';
import { Syntax } from '../envelope/headers.js';

export const TRANSPORT_ACK_BUSINESS_TYPE = 'tps.transport-ack';

const AckItem = z.object({
  id: z.string().regex(Syntax.uuid),
  status: z.enum(['RECEIVED', 'FAILED']),
  reason: z.enum(Object.values(FailedReason) as [FailedReason, ...FailedReason[]]).optional(),
  detail: z.string().max(1000).optional(),
  at: z.string().regex(Syntax.created),
});
const AckBody = z.object({ acks: z.array(AckItem).min(1).max(10_000) });
export type AckItem = z.infer<typeof AckItem>;

export function encodeAcks(acks: AckItem[]): Buffer {
  return Buffer.from(JSON.stringify({ acks }), 'utf8');
}

/** Undefined when the body is not a valid acknowledgement list (it was signed, so this is a peer bug). */
export function decodeAcks(body: Buffer): AckItem[] | undefined {
  try {
    const parsed = AckBody.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data.acks : undefined;
  } catch {
    return undefined;
  }
}
