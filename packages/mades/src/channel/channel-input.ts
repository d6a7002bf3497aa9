// What a business application puts on tps.<code>.outbox, checked like any other input (F1):
// every property is validated before anything is sent, and a refusal is a reason code, not an
// exception — it becomes a FAILED event on tps.<code>.send.event.
import type { DirectoryView } from '../../../trust/src/index.js';
import { FailedReason } from '../errors.js';
import { Syntax } from '../envelope/headers.js';
import type { SendRequest } from '../outbox/outbox-writer.js';

/** Reasons for refusing an application's outbox message (in addition to FailedReason values). */
export const ChannelRejectReason = {
  /** A required AMQP header is missing, not a string, or outside its syntax. */
  INVALID_PROPERTIES: 'INVALID_PROPERTIES',
  /** messageType is not a business type this channel accepts. */
  UNKNOWN_BUSINESS_TYPE: 'UNKNOWN_BUSINESS_TYPE',
  /** The body is empty. */
  EMPTY_PAYLOAD: 'EMPTY_PAYLOAD',
} as const;
export type ChannelRejectReason = (typeof ChannelRejectReason)[keyof typeof ChannelRejectReason];

export type ChannelReason = ChannelRejectReason | FailedReason;

/** AMQP header names the application sets (as ECP's endpoint queues name them). */
export const ChannelHeader = {
  receiverCode: 'receiverCode',
  messageType: 'messageType',
  baMessageID: 'baMessageID',
  senderParty: 'senderParty',
} as const;

export interface ChannelInputRules {
  /** Parties this component speaks for (its directory registration). */
  parties: readonly string[];
  /** Business types the application may send; undefined = any syntactically valid one. */
  businessTypes: readonly string[] | undefined;
  maxPayloadBytes: number;
  directory: DirectoryView;
}

export type ChannelInput =
  | { ok: true; request: SendRequest }
  | { ok: false; reason: ChannelReason; detail: string; baMessageID?: string | undefined };

/** A header value as a string: pika sends str headers as AMQP long strings (amqplib may hand them over as Buffer). */
export function headerString(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return undefined;
}

/**
 * Checks an outbox message. The receiver must be an approved component in the directory view as
 * it is *now* — the caller refreshes the view once and checks again before giving up (F1).
 */
export function readChannelInput(headers: Record<string, unknown> | undefined, body: Buffer, rules: ChannelInputRules): ChannelInput {
  const baRaw = headerString(headers, ChannelHeader.baMessageID);
  const baMessageID = baRaw !== undefined && Syntax.baMessageId.test(baRaw) ? baRaw : undefined;
  const fail = (reason: ChannelReason, detail: string): ChannelInput => ({ ok: false, reason, detail, baMessageID });

  const receiverCode = headerString(headers, ChannelHeader.receiverCode);
  if (receiverCode === undefined) return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.receiverCode} is missing`);
  if (!Syntax.code.test(receiverCode)) return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.receiverCode} is malformed`);
  const messageType = headerString(headers, ChannelHeader.messageType);
  if (messageType === undefined) return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.messageType} is missing`);
  if (!Syntax.businessType.test(messageType)) return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.messageType} is malformed`);
  if (baRaw !== undefined && baMessageID === undefined) return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.baMessageID} must be printable ASCII, at most 150 characters`);
  if (rules.businessTypes && !rules.businessTypes.includes(messageType)) return fail(ChannelRejectReason.UNKNOWN_BUSINESS_TYPE, `business type ${messageType} is not accepted on this channel`);

  // The party the document is sent for: the header when given (it must be one of ours); without
  // it, the component's only party. A component with several parties needs the header.
  const partyHeader = headerString(headers, ChannelHeader.senderParty);
  let senderParty: string;
  if (partyHeader !== undefined) {
    if (!rules.parties.includes(partyHeader)) return fail(FailedReason.SENDER_PARTY_MISMATCH, `this component does not speak for ${partyHeader}`);
    senderParty = partyHeader;
  } else if (rules.parties.length === 1) {
    senderParty = rules.parties[0]!;
  } else {
    return fail(ChannelRejectReason.INVALID_PROPERTIES, `header ${ChannelHeader.senderParty} is required: this component speaks for ${rules.parties.length} parties`);
  }

  if (body.length === 0) return fail(ChannelRejectReason.EMPTY_PAYLOAD, 'the document is empty');
  if (body.length > rules.maxPayloadBytes) return fail(FailedReason.PAYLOAD_TOO_LARGE, `document of ${body.length} bytes exceeds ${rules.maxPayloadBytes}`);
  if (rules.directory.component(receiverCode)?.status !== 'approved') return fail(FailedReason.UNKNOWN_RECEIVER, `receiver ${receiverCode} is not an approved component in the directory`);

  return { ok: true, request: { receiverCode, businessType: messageType, payload: body, senderParty, ...(baMessageID ? { baMessageID } : {}) } };
}
