// Directory synchronisation on the endpoint side (F1): poll with If-None-Match, keep the content
// in memory and in a cache file, and keep answering from the cache while the directory is
// unreachable — for at most `ttlMs` after the last successful contact. Past the TTL the view is
// stale: health fails and, by default, it fails closed (no certificate, no path, no route),
// because a stale view could still trust a component that has been revoked meanwhile.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CertificateStatus, DirectoryView, PublishedComponent } from '../../trust/src/index.js';
import { DirectoryClientError, DirectoryClientErrorCode } from './client-error.js';
import { DirectoryClient } from './directory-client.js';
import type { HttpOptions } from './http-client.js';
import { SnapshotView } from './snapshot-view.js';
import type { DirectoryContent } from './wire-types.js';

export interface DirectorySyncOptions {
  directory: DirectoryClient | HttpOptions;
  /** The syncing component's token (directory content is for platform members only). */
  componentToken: string;
  /** Trust anchor: certificates in the content must chain to this CA. */
  caCertificate: string | X509Certificate;
  cacheFile: string;
  /** Poll interval (TPS_DIRECTORY_SYNC_SECONDS; seconds in tests). */
  intervalMs: number;
  /** How long after the last successful contact the cache may still be trusted. */
  ttlMs: number;
  /** 'refuse' (default): a stale view answers nothing; 'serve': keeps answering, only health fails. */
  whenStale?: 'refuse' | 'serve';
  /**
   * Least time between two on-demand refreshes (`refresh()`, used by the inbox on an unknown
   * signer or a closed message path); default 5 s. Calls in between share the next refresh.
   */
  minRefreshIntervalMs?: number;
  logger?: Logger;
  now?: () => number;
}

interface CacheFile {
  lastContactAt: number;
  content: DirectoryContent;
}

export interface SyncStats {
  downloads: number;
  notModified: number;
  /** On-demand refreshes actually run (not the calls coalesced into them). */
  refreshes: number;
  failures: number;
  lastContactAt: number | undefined;
  lastError: string | undefined;
}

export class DirectorySync implements DirectoryView {
  readonly stats: SyncStats = { downloads: 0, notModified: 0, refreshes: 0, failures: 0, lastContactAt: undefined, lastError: undefined };
  private readonly client: DirectoryClient;
  private readonly ca: X509Certificate;
  private readonly now: () => number;
  private view: SnapshotView | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** The next on-demand refresh, not started yet: later callers join it. */
  private nextRefresh: Promise<void> | undefined;
  /** The on-demand refresh in progress (a later caller needs the one after it). */
  private refreshInFlight: Promise<void> | undefined;
  private lastRefreshStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: DirectorySyncOptions) {
    this.client = options.directory instanceof DirectoryClient ? options.directory : new DirectoryClient(options.directory);
    this.ca = typeof options.caCertificate === 'string' ? new X509Certificate(options.caCertificate) : options.caCertificate;
    this.now = options.now ?? Date.now;
  }

  /** First sync; when the directory is unreachable, starts from the cache file (fails if there is none). */
  async start(): Promise<void> {
    try {
      await this.syncNow();
    } catch (err) {
      if (!this.loadCache()) throw err;
      this.options.logger?.warn({ err: String(err), version: this.version }, 'directory unreachable; serving from cache');
    }
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One poll. Resolves 'updated' or 'not-modified'; rejects when the directory cannot be reached or refuses. */
  async syncNow(): Promise<'updated' | 'not-modified'> {
    try {
      const result = await this.client.download(this.options.componentToken, this.view?.version);
      this.stats.lastContactAt = this.now();
      this.stats.lastError = undefined;
      if (result.notModified) {
        this.stats.notModified++;
        this.writeCache(this.view!.content);
        return 'not-modified';
      }
      this.stats.downloads++;
      this.install(result.content);
      this.writeCache(result.content);
      return 'updated';
    } catch (err) {
      this.stats.failures++;
      this.stats.lastError = String((err as Error).message ?? err);
      throw err;
    }
  }

  /**
   * ECP-style sync on demand (F1): the inbox calls it when it meets an unknown signer or a closed
   * message path, then verifies once more. Resolves after a download that *started after this
   * call* finished (or failed — logged, never thrown), so a peer registered just before is seen.
   * At most one download per `minRefreshIntervalMs` (default 5 s): a flood of messages from
   * unknown senders costs the directory one request per interval, and callers in between wait for
   * and share the next one.
   */
  refresh(): Promise<void> {
    this.nextRefresh ??= this.runRefresh();
    return this.nextRefresh;
  }

  private async runRefresh(): Promise<void> {
    await this.refreshInFlight; // started before our callers asked: they need a later download
    const wait = this.lastRefreshStart + (this.options.minRefreshIntervalMs ?? 5_000) - this.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.nextRefresh = undefined; // from here on, new callers need the download after this one
    this.lastRefreshStart = this.now();
    this.stats.refreshes++;
    const run = this.syncNow().then(
      () => undefined,
      (err: unknown) => this.options.logger?.warn({ err: String(err) }, 'directory refresh failed; deciding with the current view'),
    );
    this.refreshInFlight = run;
    await run;
    if (this.refreshInFlight === run) this.refreshInFlight = undefined;
  }

  get version(): string {
    return this.view?.version ?? '';
  }

  /** True once the TTL has passed since the last successful contact with the directory. */
  isStale(): boolean {
    const last = this.stats.lastContactAt;
    return last === undefined || this.now() - last > this.options.ttlMs;
  }

  /** A /health check for the component's base app. */
  healthCheck(): () => Promise<{ ok: boolean; detail?: string }> {
    return async () => {
      if (!this.view) return { ok: false, detail: 'directory never synchronised' };
      const age = this.stats.lastContactAt === undefined ? 'never' : `${Math.round((this.now() - this.stats.lastContactAt) / 1000)}s ago`;
      if (this.isStale()) return { ok: false, detail: `directory view stale: last contact ${age}, version ${this.version}` };
      return { ok: true, detail: `version ${this.version}, last contact ${age}` };
    };
  }

  component(code: string): PublishedComponent | undefined {
    return this.usable()?.component(code);
  }

  componentForParty(party: string): PublishedComponent | undefined {
    return this.usable()?.componentForParty(party);
  }

  signingCertificates(componentCode: string, at?: Date): X509Certificate[] {
    return this.usable()?.signingCertificates(componentCode, at) ?? [];
  }

  signingCertificate(componentCode: string, serial: string, at?: Date): X509Certificate | undefined {
    return this.usable()?.signingCertificate(componentCode, serial, at);
  }

  encryptionCertificates(componentCode: string, at?: Date): X509Certificate[] {
    return this.usable()?.encryptionCertificates(componentCode, at) ?? [];
  }

  certificateStatus(componentCode: string, serial: string, at: Date = new Date()): CertificateStatus {
    return this.usable()?.certificateStatus(componentCode, serial, at) ?? 'unknown';
  }

  isPathAllowed(receiverCode: string, senderCode: string, businessType: string, at?: Date): boolean {
    return this.usable()?.isPathAllowed(receiverCode, senderCode, businessType, at) ?? false;
  }

  private usable(): SnapshotView | undefined {
    if ((this.options.whenStale ?? 'refuse') === 'refuse' && this.isStale()) return undefined;
    return this.view;
  }

  private install(content: DirectoryContent): void {
    const view = new SnapshotView(content, this.ca);
    if (view.rejectedCertificates.length > 0) {
      this.options.logger?.error({ serials: view.rejectedCertificates }, 'directory published certificates that do not chain to the pinned CA; ignored');
    }
    this.view = view;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.syncNow()
        .catch((err: unknown) => {
          const level = err instanceof DirectoryClientError && err.code === DirectoryClientErrorCode.Unreachable ? 'warn' : 'error';
          this.options.logger?.[level]({ err: String(err), stale: this.isStale() }, 'directory sync failed');
        })
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    // The sync must not keep a process alive on its own (CLI commands, tests).
    this.timer.unref();
  }

  private loadCache(): boolean {
    if (!existsSync(this.options.cacheFile)) return false;
    const cached = JSON.parse(readFileSync(this.options.cacheFile, 'utf8')) as CacheFile;
    this.install(cached.content);
    this.stats.lastContactAt = cached.lastContactAt;
    return true;
  }

  private writeCache(content: DirectoryContent): void {
    const data: CacheFile = { lastContactAt: this.stats.lastContactAt ?? this.now(), content };
    const tmp = `${this.options.cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, this.options.cacheFile);
  }
}
