import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataPackageLine } from '#pos-api';

/** Big enough to keep syscalls few, small enough that a million-row package never sits in memory. */
const flushThresholdBytes = 256 * 1024;

/**
 * Writes one package body as NDJSON: buffered, hashed as it goes, fsynced, then renamed into
 * place, so a body that `data_packages` points at is always complete and matches its sha256.
 */
export class PackageFileWriter {
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  private constructor(private readonly handle: fs.promises.FileHandle, private readonly tempPath: string, readonly finalPath: string) {}

  static async create(directory: string, packageId: string): Promise<PackageFileWriter> {
    await fs.promises.mkdir(directory, { recursive: true });
    const finalPath = path.join(directory, `${packageId}.ndjson`);
    const tempPath = `${finalPath}.tmp`;
    return new PackageFileWriter(await fs.promises.open(tempPath, 'w'), tempPath, finalPath);
  }

  /** Awaiting only when the buffer is full lets the event loop serve requests between flushes. */
  async write(line: DataPackageLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    this.buffer.push(text);
    this.bufferedBytes += text.length;
    if (this.bufferedBytes >= flushThresholdBytes) await this.flush();
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await fs.promises.rename(this.tempPath, this.finalPath);
    await syncDirectory(path.dirname(this.finalPath));
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.promises.rm(this.tempPath, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.bufferedBytes = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) offset += (await this.handle.write(chunk, offset)).bytesWritten;
  }
}

/** Makes the rename durable too; some file systems refuse to fsync a directory, which is harmless. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.promises.open(directory, 'r');
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Leftovers of a run that died mid-write: never recorded, so never served. */
export function removeUnfinishedPackageFiles(directory: string): void {
  if (!fs.existsSync(directory)) return;
  for (const name of fs.readdirSync(directory)) if (name.endsWith('.tmp')) fs.rmSync(path.join(directory, name), { force: true });
}
