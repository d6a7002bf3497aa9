// amqps (issue 13): RabbitMQ's certificate is checked against a pinned CA (the directory CA),
// never the system store; the component's authentication certificate goes along as client
// certificate for brokers that require one (ssl_options.fail_if_no_peer_cert = true).
export interface AmqpTls {
  /** Trust anchor for the broker's certificate (PEM). */
  caPem: string;
  /** Client certificate and key (PEM), presented when given. */
  certPem?: string;
  keyPem?: string;
}

/** Asked at every (re)connect: the client certificate may be renewed while the transport lives. */
export type AmqpTlsSource = AmqpTls | (() => AmqpTls | undefined);

/**
 * Socket options for amqplib's connect: TCP_NODELAY always, TLS settings for amqps URLs.
 * amqplib leaves Nagle's algorithm on by default; a small frame (a publisher confirm, a transport
 * acknowledgement, an emergency signal) then waits for the peer's delayed ACK — ≈ 40 ms per hop on
 * Linux, measured as most of the emergency path's latency (docs/PERFORMANCE.md, benchmark 2).
 */
export function amqpSocketOptions(url: string, source: AmqpTlsSource | undefined): Record<string, unknown> {
  if (!url.startsWith('amqps:')) return { noDelay: true };
  const tls = typeof source === 'function' ? source() : source;
  if (!tls) return { noDelay: true, minVersion: 'TLSv1.2' };
  return {
    noDelay: true,
    minVersion: 'TLSv1.2',
    ca: tls.caPem,
    ...(tls.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
  };
}
