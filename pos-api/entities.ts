/**
 * Commerce entities as they travel between the register and the Commerce Scale Unit
 * (PosApi/Entities `Proxy.Entities` in Store Commerce). Amounts are in the store currency's
 * minor-unit-free decimal form (e.g. 12.5); ids are strings.
 */

export interface Product {
  readonly productId: string;
  readonly barcode: string;
  readonly name: string;
  readonly category: string;
  /** Current unit price in the store currency. */
  readonly price: number;
}

/** A price with the period it applies to; `validTo` null means open-ended. */
export interface ProductPrice {
  readonly productId: string;
  readonly price: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface Customer {
  readonly customerId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface CartLine {
  readonly productId: string;
  readonly barcode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly amount: number;
  /** True when the price came from the offline database. */
  readonly pricedOffline: boolean;
}

export type TenderMethod = 'cash' | 'card';

export interface TenderLine {
  readonly method: TenderMethod;
  readonly amount: number;
}

export interface Cart {
  readonly transactionId: string;
  readonly receiptId: string;
  readonly lines: readonly CartLine[];
  readonly total: number;
}

/** A completed sale as the register submits it to the scale unit. */
export interface SalesTransaction {
  /** `{store}-{terminal}-{n}`; fixed before the first send so a re-send is the same sale. */
  readonly transactionId: string;
  readonly receiptId: string;
  readonly registerId: string;
  readonly storeNumber: string;
  readonly terminalId: string;
  readonly operatorId: string;
  readonly lines: readonly CartLine[];
  readonly tenders: readonly TenderLine[];
  readonly total: number;
  /** The register's clock when the sale ended (ISO 8601). */
  readonly localTime: string;
  /** Last known server time minus local time, in ms, so the server can correct a wrong clock. */
  readonly serverTimeOffsetMs: number;
  readonly createdOffline: boolean;
}

/** The offline profile as the scale unit serves it: whole numbers, units in the names. */
export interface OfflineProfileData {
  readonly switchToOfflineTimeoutMs: number;
  readonly reconnectIntervalMs: number;
  readonly uploadIntervalMs: number;
  readonly downloadIntervalMs: number;
  readonly uploadBatchSize: number;
  readonly retryCountToOffline: number;
  readonly systemHealthCheckIntervalMs: number;
}

export interface RegisterConfiguration {
  readonly registerId: string;
  readonly storeNumber: string;
  readonly terminalId: string;
  readonly supportOffline: boolean;
  readonly offlineProfile: OfflineProfileData;
}

/** `GET /number-sequences/:registerId`: last used value per sequence name. */
export type NumberSequenceSeeds = Readonly<Record<string, number>>;

export interface TransactionIntakeResult {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
  readonly rejected: readonly { readonly transactionId: string; readonly reason: string }[];
}

export type DataPackageKind = 'full' | 'delta';

export interface DataPackageInfo {
  readonly id: string;
  readonly kind: DataPackageKind;
  /** Ordering key: packages apply in ascending sequence. */
  readonly sequence: number;
  readonly createdAt: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export type DataPackageStatus =
  | 'Requested'
  | 'Downloaded'
  | 'Applied'
  | 'DownloadFailed'
  | 'ApplyFailed'
  | 'Suspended'
  | 'Canceled';

/**
 * One line of a data package body (newline-delimited JSON). The first line is a header,
 * then one line per row change. A package is applied whole or not at all.
 */
export type DataPackageLine =
  | { readonly header: { readonly id: string; readonly kind: DataPackageKind; readonly sequence: number; readonly registerId: string; readonly rows: number; readonly createdAt: string } }
  | { readonly table: 'products'; readonly op: 'upsert'; readonly row: Product }
  | { readonly table: 'prices'; readonly op: 'upsert'; readonly row: ProductPrice }
  | { readonly table: 'customers'; readonly op: 'upsert'; readonly row: Customer }
  | { readonly table: 'products' | 'customers'; readonly op: 'delete'; readonly key: string };
