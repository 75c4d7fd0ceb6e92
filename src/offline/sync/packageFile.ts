import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { DataPackageInfo, DataPackageLine } from '#pos-api';
import { SyncError } from './errors.js';

export interface FetchedFile {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Copies a package body to `file` chunk by chunk, hashing and counting on the way, so memory stays
 * flat whatever the package size. Stops early when the body grows past the listed size (a wrong or
 * endless body must not fill the disk). Verifies size and sha256 at the end.
 */
export async function fetchToFile(
  body: NodeJS.ReadableStream,
  file: string,
  info: DataPackageInfo,
  onBytes: (bytes: number) => void,
  signal: AbortSignal,
): Promise<FetchedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    body,
    async function* (source: AsyncIterable<Buffer | string>) {
      for await (const chunk of source) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        bytes += buffer.length;
        if (bytes > info.bytes) throw new SyncError('DownloadFailed', `package ${info.id}: body is larger than the listed ${info.bytes} bytes`);
        hash.update(buffer);
        onBytes(bytes);
        yield buffer;
      }
    },
    createWriteStream(file),
    { signal },
  );
  const sha256 = hash.digest('hex');
  if (bytes !== info.bytes) throw new SyncError('DownloadFailed', `package ${info.id}: truncated, got ${bytes} of ${info.bytes} bytes`);
  if (sha256 !== info.sha256.toLowerCase()) throw new SyncError('DownloadFailed', `package ${info.id}: sha256 ${sha256} does not match the listed ${info.sha256}`);
  return { bytes, sha256 };
}

/** What the package header must say, taken from the listing and the register. */
export interface ExpectedHeader {
  readonly info: DataPackageInfo;
  readonly registerId: string;
}

/**
 * Reads a verified package file back as NDJSON lines, one at a time. The header must match the
 * listing and the row count must match the header; any problem throws inside the iteration, so the
 * store's apply transaction (which consumes this) rolls back and the package is ApplyFailed.
 */
export async function* readPackageLines(file: string, expected: ExpectedHeader, includeHeader: boolean): AsyncGenerator<DataPackageLine> {
  const { info } = expected;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let rows = 0;
  try {
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      const line = parseLine(text, lineNumber, info.id);
      if (lineNumber === 1) {
        checkHeader(line, expected);
        if (includeHeader) yield line;
        continue;
      }
      if ('header' in line) throw new SyncError('ApplyFailed', `package ${info.id}: line ${lineNumber} is a second header`);
      rows += 1;
      yield line;
    }
  } finally {
    lines.close();
  }
  if (lineNumber === 0) throw new SyncError('ApplyFailed', `package ${info.id}: the body is empty`);
  if (rows !== info.rows) throw new SyncError('ApplyFailed', `package ${info.id}: ${rows} rows, the listing says ${info.rows}`);
}

function parseLine(text: string, lineNumber: number, packageId: string): DataPackageLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SyncError('ApplyFailed', `package ${packageId}: line ${lineNumber} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyncError('ApplyFailed', `package ${packageId}: line ${lineNumber} is not a JSON object`);
  }
  return value as DataPackageLine;
}

function checkHeader(line: DataPackageLine, { info, registerId }: ExpectedHeader): void {
  if (!('header' in line)) throw new SyncError('ApplyFailed', `package ${info.id}: line 1 is not a header`);
  const h = line.header;
  const mismatch =
    h.id !== info.id ? `id ${h.id}`
    : h.sequence !== info.sequence ? `sequence ${h.sequence}`
    : h.kind !== info.kind ? `kind ${h.kind}`
    : h.registerId !== registerId ? `register ${h.registerId}`
    : h.rows !== info.rows ? `rows ${h.rows}`
    : null;
  // A header that disagrees with the listing means the body belongs to another package or register.
  if (mismatch) throw new SyncError('OutOfOrder', `package ${info.id}: header says ${mismatch}, which does not match the listing`);
}
