// Names of the broker objects (F1). Kept apart from the ECP-style business-application queues
// (tps.<component>.outbox / .inbox / .send.event) so both can live on one broker.

export const Topology = {
  /** Direct exchange, routing key = receiver component code. */
  exchange: 'mades.direct',
  /** Headers exchange: dead letters are routed back to their sender by the tps-sender header. */
  deadLetterExchange: 'mades.dlx',
  inbox: (code: string) => `mades.inbox.${code}`,
  deadLetters: (code: string) => `mades.dead.${code}`,
  /** Header the dead-letter bindings match on (signed envelope header). */
  senderHeader: 'tps-sender',
  maxPriority: 9,
} as const;
