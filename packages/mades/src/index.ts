// Public API of the messaging layer (F1). It carries payloads as bytes and never parses
// business documents.
export { FailedReason, MadesError, MadesErrorCode, MessageRejectedError } from './errors.js';
export { Header, ENVELOPE_VERSION, toHeaders, parseHeaders, type Envelope, type EnvelopeKind, type EnvelopeHeaders } from './envelope/headers.js';
export { canonicalString, payloadDigest, SIGNING_PREFIX } from './envelope/canonical.js';
export { signEnvelope, type EnvelopeFields } from './envelope/signer.js';
export { sealEnvelope } from './envelope/seal.js';
export { encryptPayload, decryptPayload, DecryptionError, ENCRYPTION_ALG, type EnvelopeEncryption, type PayloadBinding } from './envelope/payload-cipher.js';
export { openPayload, decryptionKeyFor, type OpenResult } from './envelope/open-payload.js';
export { DEFAULT_ENCRYPTION_POLICY, encryptionRequired, type EncryptionPolicy } from './envelope/encryption.policy.js';
export { verifyEnvelope, type VerifyOptions, type VerifyResult, type CertificateStatusView } from './envelope/verifier.js';
export type { Transport, OutgoingMessage, PublishOutcome, Delivery, DeadLetter, DeathReason, Subscription, ConsumeOptions } from './transport/transport.js';
export { Topology } from './transport/topology.js';
export { AmqpTransport, type AmqpTransportOptions } from './transport/amqp-transport.js';
export type { QueueType } from './transport/amqp-topology.js';
export { MemoryBroker, MemoryTransport } from './transport/memory-transport.js';
export { MessageStatus, type StatusChange, type TrackedMessage } from './tracking/status.js';
export type { SendRequest } from './outbox/outbox-writer.js';
export type { MessageHandler, ReceivedMessage } from './inbox/inbox-consumer.js';
export { madesMigrations } from './storage/migrations.js';
export { MessagingEndpoint, DEFAULT_TTL_MS, type EndpointOptions } from './endpoint.js';
export { BusinessChannel, BusinessQueues, type BusinessChannelOptions, type SendEvent } from './channel/business-channel.js';
export { ChannelHeader, ChannelRejectReason, readChannelInput, type ChannelReason, type ChannelInput } from './channel/channel-input.js';
