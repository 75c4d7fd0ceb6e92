import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BehaviorSubject } from 'rxjs';
import { ConnectionStatusType, type DataPackageInfo, type DataPackageLine, type DataPackageStatus, type SalesTransaction } from '#pos-api';
import type { OfflineStore, PackageLedgerEntry, PendingUpload, ApplyProgress } from '../../../src/offline/store/OfflineStore.js';
import { defaultOfflineProfile, type OfflineProfile } from '../../../src/offline/profile/OfflineProfile.js';

/**
 * A small in-memory stand-in for the offline store: only what sync uses, with the port's promises
 * (atomic apply, ledger, queue). Everything else throws so a test never leans on it by accident.
 */
export class MemoryStore {
  readonly queue = new Map<string, PendingUpload>();
  readonly uploaded = new Set<string>();
  readonly rejected = new Map<string, string>();
  readonly ledger = new Map<string, PackageLedgerEntry>();
  readonly products = new Map<string, number>();
  private tick = 0;

  enqueue(count: number, prefix = 'T'): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `${prefix}-${String(this.queue.size + this.uploaded.size + 1).padStart(5, '0')}`;
      this.queue.set(id, { transactionId: id, transaction: sale(id), enqueuedAt: new Date(1_000 + this.tick++).toISOString(), attempts: 0 });
      ids.push(id);
    }
    return ids;
  }

  async readUploadBatch(limit: number): Promise<PendingUpload[]> {
    return [...this.queue.values()].slice(0, limit);
  }
  async markUploaded(ids: readonly string[]): Promise<void> {
    for (const id of ids) if (this.queue.delete(id)) this.uploaded.add(id);
  }
  async setUploadRejected(id: string, reason: string): Promise<void> {
    if (this.queue.delete(id)) this.rejected.set(id, reason);
  }
  async recordUploadAttempt(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const p = this.queue.get(id);
      if (p) this.queue.set(id, { ...p, attempts: p.attempts + 1 });
    }
  }
  async getPendingUploadSummary() {
    const first = this.queue.values().next().value;
    return { count: this.queue.size, oldestEnqueuedAt: first?.enqueuedAt ?? null, rejected: this.rejected.size };
  }

  async applyDataPackage(info: DataPackageInfo, rows: AsyncIterable<DataPackageLine>, onProgress?: (p: ApplyProgress) => void) {
    const staged = new Map(this.products);
    let count = 0;
    for await (const line of rows) {
      if ('header' in line) continue;
      if (line.table !== 'products' || line.op !== 'upsert') throw new Error(`unsupported row ${JSON.stringify(line)}`);
      if (typeof line.row.price !== 'number') throw new Error(`row ${count + 1}: price must be a number`);
      staged.set(line.row.productId, line.row.price);
      count += 1;
      onProgress?.({ rows: count });
    }
    // Only a fully read package reaches here: the swap is the "commit".
    this.products.clear();
    for (const [k, v] of staged) this.products.set(k, v);
    await this.recordPackageStatus(info, 'Applied', null);
    return { rowsApplied: count };
  }
  async recordPackageStatus(info: DataPackageInfo, status: DataPackageStatus, error: string | null): Promise<PackageLedgerEntry> {
    const previous = this.ledger.get(info.id);
    const entry: PackageLedgerEntry = {
      packageId: info.id, sequence: info.sequence, kind: info.kind, status, error,
      attempts: (previous?.attempts ?? 0) + (status === 'Requested' ? 1 : 0),
      bytes: info.bytes, rows: info.rows, updatedAt: new Date(10_000 + this.tick++).toISOString(),
    };
    this.ledger.set(info.id, entry);
    return entry;
  }
  async listPackages(limit: number): Promise<PackageLedgerEntry[]> {
    return [...this.ledger.values()].sort((a, b) => b.sequence - a.sequence).slice(0, limit);
  }
  async getLastAppliedPackage(): Promise<PackageLedgerEntry | null> {
    return (await this.listPackages(1000)).find((e) => e.status === 'Applied') ?? null;
  }
  statusOf(id: string): DataPackageStatus | undefined {
    return this.ledger.get(id)?.status;
  }
  asStore(): OfflineStore {
    return new Proxy(this, {
      get: (target, key) => {
        const value = Reflect.get(target, key);
        if (value === undefined && typeof key === 'string') return () => Promise.reject(new Error(`MemoryStore.${key} is not faked`));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as OfflineStore;
  }
}

export function sale(transactionId: string): SalesTransaction {
  return {
    transactionId, receiptId: transactionId, registerId: 'R1', storeNumber: 'S1', terminalId: 'T1', operatorId: '000160',
    lines: [], tenders: [{ method: 'cash', amount: 1 }], total: 1, localTime: '2024-01-01T00:00:00.000Z', serverTimeOffsetMs: 0, createdOffline: true,
  };
}

export interface FakePackage {
  info: DataPackageInfo;
  body: string;
}

/** A package body (NDJSON) and its listing, priced products only. */
export function makePackage(sequence: number, kind: 'full' | 'delta', prices: Record<string, number>, registerId = 'R1'): FakePackage {
  const id = `pkg-${sequence}`;
  const createdAt = new Date(sequence * 1000).toISOString();
  const entries = Object.entries(prices);
  const lines = [{ header: { id, kind, sequence, registerId, rows: entries.length, createdAt } },
    ...entries.map(([productId, price]) => ({ table: 'products', op: 'upsert', row: { productId, barcode: productId, name: productId, category: 'c', price } }))];
  const body = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  return { info: { id, kind, sequence, createdAt, rows: entries.length, bytes: Buffer.byteLength(body), sha256: sha256(body) }, body };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function bodyStream(text: string): NodeJS.ReadableStream {
  return Readable.from([Buffer.from(text)]);
}

export class FakeConnection {
  readonly subject = new BehaviorSubject<ConnectionStatusType>(ConnectionStatusType.Online);
  readonly status$ = this.subject.asObservable();
  get isOnline(): boolean {
    return this.subject.value === ConnectionStatusType.Online;
  }
  set(status: ConnectionStatusType): void {
    this.subject.next(status);
  }
}

export function profile(change: Partial<OfflineProfile> = {}): { profile: OfflineProfile } {
  return { profile: { ...defaultOfflineProfile, ...change } };
}

export { silentLogger } from '../../support/fixtures.js';

export const fixedClock = { now: () => Date.now() };
