// The messaging part of the hostile-input corpus (issue 13, F1): tamperings of a real signed
// envelope (carrying a valid asset registration that would change the core's registry if
// accepted), each with the outcome the sender must see. The generator writes them to
// corpus/messaging/*.json; messaging.test.ts implements each `tamper` name.
import type { MessagingCase } from './corpus.js';

type Case = Omit<MessagingCase, 'group' | 'requirement'> & { requirement?: MessagingCase['requirement'] };
const failed = (reason: string) => ({ transport: 'FAILED' as const, reason });

const cases: Case[] = [
  { name: 'msg-payload-byte-flipped', category: 'bad signature', tamper: 'payload-byte-flipped', proves: 'one changed byte in the signed payload is refused (DIGEST_MISMATCH)', expect: failed('DIGEST_MISMATCH') },
  { name: 'msg-payload-swapped', category: 'bad signature', tamper: 'payload-swapped', proves: 'another valid document under a signed envelope is refused (DIGEST_MISMATCH)', expect: failed('DIGEST_MISMATCH') },
  { name: 'msg-payload-appended', category: 'bad signature', tamper: 'payload-appended', proves: 'bytes appended to a signed payload are refused', expect: failed('DIGEST_MISMATCH') },
  { name: 'msg-header-business-type', category: 'bad signature', tamper: 'header-business-type', proves: 'a changed business-type header breaks the signature', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-header-sender-party', category: 'bad signature', tamper: 'header-sender-party', proves: 'a changed sender-party header (speaking for another AGR) breaks the signature', expect: failed('BAD_SIGNATURE'), requirement: 'NF3' },
  { name: 'msg-header-ttl-extended', category: 'bad signature', tamper: 'header-ttl', proves: 'an extended time-to-live header breaks the signature', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-header-priority-raised', category: 'bad signature', tamper: 'header-priority', proves: 'raising the priority to emergency breaks the signature', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-header-ba-id', category: 'bad signature', tamper: 'header-ba-id', proves: 'a changed business-application ID breaks the signature', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-header-created', category: 'bad signature', tamper: 'header-created', proves: 'a changed creation time breaks the signature', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-signature-of-other-message', category: 'bad signature', tamper: 'signature-reused', proves: "the signature of another message does not verify this one's headers", expect: failed('BAD_SIGNATURE') },
  { name: 'msg-signature-garbage', category: 'bad signature', tamper: 'signature-garbage', proves: 'a well-formed but random signature is refused', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-signature-missing', category: 'malformed envelope', tamper: 'signature-missing', proves: 'an envelope without signature is refused as malformed', expect: failed('MALFORMED_ENVELOPE') },
  { name: 'msg-header-control-char', category: 'malformed envelope', tamper: 'header-control-char', proves: 'a newline smuggled into a header (signing-string injection) is refused as malformed', expect: failed('MALFORMED_ENVELOPE') },
  { name: 'msg-wrong-key', category: 'wrong key', tamper: 'wrong-key', proves: 'a message signed with a key the directory never published for that serial is refused', expect: failed('BAD_SIGNATURE') },
  { name: 'msg-unknown-serial', category: 'wrong key', tamper: 'unknown-serial', proves: 'a certificate serial the directory does not know is refused', expect: failed('SIGNER_UNKNOWN') },
  { name: 'msg-revoked-certificate', category: 'revoked certificate', tamper: 'revoked-certificate', proves: 'a message signed with a revoked certificate is refused', expect: failed('SIGNER_REVOKED') },
  { name: 'msg-expired-certificate', category: 'expired certificate', tamper: 'expired-certificate', proves: 'a message signed with an expired certificate is refused', expect: failed('SIGNER_EXPIRED') },
  { name: 'msg-not-yet-valid-certificate', category: 'expired certificate', tamper: 'future-certificate', proves: 'a certificate not yet valid is refused', expect: failed('SIGNER_EXPIRED') },
  { name: 'msg-revoked-component', category: 'revoked certificate', tamper: 'revoked-component', proves: 'a revoked component is refused even with a valid signature; nothing of it is applied', expect: { transport: 'DEAD-LETTERED' } },
  { name: 'msg-unknown-sender-component', category: 'wrong key', tamper: 'unknown-component', proves: 'a component the directory does not know is refused; nothing is applied', expect: { transport: 'DEAD-LETTERED' } },
  { name: 'msg-replayed-same-content', category: 'replayed message ID', tamper: 'replay-same', proves: 'a replayed message (same ID, same content) has its effect once only', expect: { transport: 'RECEIVED-ONCE' } },
  { name: 'msg-replayed-other-content', category: 'replayed message ID', tamper: 'replay-other', proves: 'a known message ID with other content is refused (DUPLICATE_MESSAGE_ID)', expect: failed('DUPLICATE_MESSAGE_ID') },
  { name: 'msg-for-another-component', category: 'message for another component', tamper: 'wrong-receiver', proves: "a message addressed to another component but put into the core's queue is refused", expect: failed('WRONG_RECEIVER') },
  { name: 'msg-ttl-expired', category: 'expired TTL', tamper: 'ttl-expired', proves: 'a message whose time-to-live ran out is refused', expect: failed('TTL_EXPIRED') },
  { name: 'msg-created-in-future', category: 'expired TTL', tamper: 'created-future', proves: 'a creation time an hour ahead (TTL stretching) is refused as malformed', expect: failed('MALFORMED_ENVELOPE') },
  { name: 'msg-sender-party-not-represented', category: 'sender not representing party', tamper: 'party-not-represented', proves: 'a correctly signed envelope speaking for a party its component does not represent is refused', expect: failed('SENDER_PARTY_MISMATCH'), requirement: 'NF3' },
  { name: 'msg-sender-party-dso', category: 'sender not representing party', tamper: 'party-dso', proves: "an AGR component speaking for a DSO's party is refused", expect: failed('SENDER_PARTY_MISMATCH'), requirement: 'NF3' },
  { name: 'msg-document-party-mismatch', category: 'sender not representing party', tamper: 'document-party-mismatch', proves: "a document naming another AGR as sender (envelope party is the signer's) gets a negative acknowledgement A78", expect: { transport: 'RECEIVED', businessAck: 'negative', reasonCode: 'A78' }, requirement: 'NF3' },
  { name: 'msg-business-type-mismatch', category: 'sender not representing party', tamper: 'business-type-mismatch', proves: 'a document of another kind than the envelope says gets a negative acknowledgement A62', expect: { transport: 'RECEIVED', businessAck: 'negative', reasonCode: 'A62' } },
  { name: 'msg-unknown-business-type', category: 'malformed envelope', tamper: 'unknown-business-type', proves: 'a business type the platform does not know is refused (PAYLOAD_REJECTED), never handed to the core', expect: failed('PAYLOAD_REJECTED') },
  { name: 'msg-path-not-allowed', category: 'message for another component', tamper: 'path-closed', proves: 'a business type the receiver has no message path for is refused', expect: failed('PATH_NOT_ALLOWED') },
  { name: 'msg-oversized-payload', category: 'huge body', tamper: 'oversized', proves: 'a payload above the envelope limit is refused before any parsing', expect: failed('PAYLOAD_TOO_LARGE') },
  { name: 'msg-hostile-xml-payload', category: 'XXE', tamper: 'xxe-payload', proves: 'a correctly signed XXE document gets a negative acknowledgement A94 (signing does not make XML trusted)', expect: { transport: 'RECEIVED', businessAck: 'negative', reasonCode: 'A94' } },
  // Payload encryption (F1/NF3): the encryption headers are signed, the digest covers the ciphertext.
  { name: 'msg-enc-unknown-algorithm', category: 'encryption', tamper: 'enc-alg-unknown', proves: "an encryption header naming an algorithm the platform does not use is refused as malformed", expect: failed('MALFORMED_ENVELOPE'), requirement: 'NF3' },
  { name: 'msg-enc-headers-incomplete', category: 'encryption', tamper: 'enc-headers-partial', proves: "an envelope with some encryption headers but not all is refused as malformed", expect: failed('MALFORMED_ENVELOPE'), requirement: 'NF3' },
  { name: 'msg-enc-serial-tampered', category: 'encryption', tamper: 'enc-serial-tampered', proves: "a changed tps-enc-serial (the receiver key the content key was wrapped for) breaks the signature", expect: failed('BAD_SIGNATURE'), requirement: 'NF3' },
  { name: 'msg-enc-wrong-serial-signed', category: 'encryption', tamper: 'enc-serial-wrong', proves: "a signed envelope naming an encryption certificate serial the receiver holds no key for is refused (DECRYPTION_FAILED), never handed to the core", expect: failed('DECRYPTION_FAILED'), requirement: 'NF3' },
  { name: 'msg-enc-ciphertext-tampered', category: 'encryption', tamper: 'enc-ciphertext-tampered', proves: "one changed ciphertext byte in transit is caught by the signed digest before any decryption", expect: failed('DIGEST_MISMATCH'), requirement: 'NF3' },
  { name: 'msg-enc-ciphertext-resigned', category: 'encryption', tamper: 'enc-ciphertext-resigned', proves: "a correctly signed envelope over a ciphertext that does not authenticate is refused (DECRYPTION_FAILED)", expect: failed('DECRYPTION_FAILED'), requirement: 'NF3' },
  { name: 'msg-enc-for-another-component', category: 'encryption', tamper: 'enc-for-other-receiver', proves: "a document encrypted for another component's key (wrapped key unusable by the core) is refused (DECRYPTION_FAILED)", expect: failed('DECRYPTION_FAILED'), requirement: 'NF3' },
  { name: 'msg-enc-plaintext-document', category: 'encryption', tamper: 'plaintext-doc', proves: "a correctly signed document sent in clear where the policy requires encryption is refused (ENCRYPTION_REQUIRED)", expect: failed('ENCRYPTION_REQUIRED'), requirement: 'NF3' },
];

export const MESSAGING_CASES: MessagingCase[] = cases.map((c) => ({ group: 'messaging', requirement: 'F1', ...c }) as MessagingCase);
