/**
 * The dev host's settings: one resolved, validated object built from flags, then environment,
 * then defaults (in that order of precedence). Every default is for local use only.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface HostOptions {
  /** HTTP port of the page and JSON API; 0 picks a free one. */
  readonly port?: number;
  /** Interface to bind; loopback by default because the API has no authentication of its own. */
  readonly bindAddress?: string;
  readonly scaleUnitUrl?: string;
  /** Bearer token the register presents to the scale unit. */
  readonly deviceToken?: string;
  readonly registerId?: string;
  /** Folder for the host's own files (the SQLite offline database lives here). */
  readonly dataDir?: string;
  /** The extension package folder (holds manifest.json); null runs without an extension. */
  readonly packageDir?: string | null;
  /** A SQL Server connection string: the offline database goes there instead of SQLite. */
  readonly offlineDbUrl?: string | null;
  /** The scale unit's admin API, for the demo panel's fault switch; null hides it. */
  readonly adminUrl?: string | null;
  readonly adminToken?: string;
  /** Bound on every call the host's own default handlers make to the scale unit. */
  readonly scaleUnitTimeoutMs?: number;
  /** Period of the status event on GET /api/events (a heartbeat that also keeps proxies open). */
  readonly statusEventIntervalMs?: number;
  /** Operators who may sign in: operator id → password. */
  readonly operators?: Readonly<Record<string, string>>;
  /** Fastify's request log (stderr). */
  readonly logger?: boolean;
  /** Lowest level of `context.logger` lines written to stderr. */
  readonly logLevel?: LogLevel;
}

export type LogLevel = 'verbose' | 'info' | 'warning' | 'error' | 'silent';
const logLevels: readonly LogLevel[] = ['verbose', 'info', 'warning', 'error', 'silent'];

export type ResolvedHostOptions = Required<HostOptions>;

export const hostDefaults: ResolvedHostOptions = Object.freeze({
  port: 0,
  bindAddress: '127.0.0.1',
  scaleUnitUrl: 'http://127.0.0.1:5080',
  deviceToken: 'dev-device-token',
  registerId: 'S001-T01',
  dataDir: path.join('.data', 'host'),
  packageDir: 'dist',
  offlineDbUrl: null,
  adminUrl: null,
  adminToken: 'dev-admin-token',
  scaleUnitTimeoutMs: 5000,
  statusEventIntervalMs: 5000,
  operators: Object.freeze({ '000160': '123' }),
  logger: false,
  logLevel: 'info',
});

/** Resolves defaults once and fails early with a RangeError naming the bad setting. */
export function resolveHostOptions(options: HostOptions = {}): ResolvedHostOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: ResolvedHostOptions = { ...hostDefaults, ...defined };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new RangeError(`port must be a port number 0..65535, got ${resolved.port}`);
  }
  for (const name of ['scaleUnitTimeoutMs', 'statusEventIntervalMs'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of ms >= 1, got ${value}`);
  }
  for (const name of ['scaleUnitUrl', 'adminUrl'] as const) {
    const value = resolved[name];
    if (value !== null && !URL.canParse(value)) throw new RangeError(`${name} must be an absolute URL, got ${value}`);
  }
  for (const name of ['deviceToken', 'registerId', 'dataDir', 'adminToken'] as const) {
    if (typeof resolved[name] !== 'string' || resolved[name].length === 0) throw new RangeError(`${name} must be a non-empty string`);
  }
  if (!logLevels.includes(resolved.logLevel)) throw new RangeError(`logLevel must be one of ${logLevels.join(', ')}, got ${resolved.logLevel}`);
  if (Object.keys(resolved.operators).length === 0) throw new RangeError('operators must name at least one operator');
  return resolved;
}

/** `000160:123,000161:456` → { '000160': '123', ... } */
export function parseOperators(text: string): Record<string, string> {
  const operators: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf(':');
    if (at <= 0) throw new RangeError(`operators: expected operatorId:password, got "${pair}"`);
    operators[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return operators;
}

function toInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, got "${text}"`);
  return value;
}

const truthy = (text: string | undefined): boolean => text !== undefined && /^(1|true|yes)$/i.test(text);

/** Flags win over environment variables; see docs/configuration.md for the full table. */
export function hostOptionsFromCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): ResolvedHostOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'scale-unit-url': { type: 'string' },
      'device-token': { type: 'string' },
      'register-id': { type: 'string' },
      'data-dir': { type: 'string' },
      'package-dir': { type: 'string' },
      'no-extension': { type: 'boolean' },
      'offline-db-url': { type: 'string' },
      'admin-url': { type: 'string' },
      'admin-token': { type: 'string' },
      'scale-unit-timeout-ms': { type: 'string' },
      'status-event-interval-ms': { type: 'string' },
      operators: { type: 'string' },
      log: { type: 'boolean' },
      'log-level': { type: 'string' },
    },
  });
  const noExtension = values['no-extension'] === true || truthy(env.HOST_NO_EXTENSION);
  const operators = values.operators ?? env.HOST_OPERATORS;
  return resolveHostOptions({
    port: toInt('port', values.port ?? env.HOST_PORT),
    bindAddress: values.host ?? env.HOST_BIND_ADDRESS,
    scaleUnitUrl: values['scale-unit-url'] ?? env.SCALE_UNIT_URL,
    deviceToken: values['device-token'] ?? env.SCALE_UNIT_DEVICE_TOKEN,
    registerId: values['register-id'] ?? env.REGISTER_ID,
    dataDir: values['data-dir'] ?? env.HOST_DATA_DIR,
    packageDir: noExtension ? null : (values['package-dir'] ?? env.EXTENSION_PACKAGE_DIR),
    offlineDbUrl: values['offline-db-url'] ?? env.OFFLINE_DB_MSSQL_URL,
    adminUrl: values['admin-url'] ?? env.SCALE_UNIT_ADMIN_URL,
    adminToken: values['admin-token'] ?? env.SCALE_UNIT_ADMIN_TOKEN,
    scaleUnitTimeoutMs: toInt('scale-unit-timeout-ms', values['scale-unit-timeout-ms'] ?? env.HOST_SCALE_UNIT_TIMEOUT_MS),
    statusEventIntervalMs: toInt('status-event-interval-ms', values['status-event-interval-ms'] ?? env.HOST_STATUS_EVENT_INTERVAL_MS),
    operators: operators === undefined ? undefined : parseOperators(operators),
    logger: values.log === true || truthy(env.HOST_LOG) ? true : undefined,
    logLevel: (values['log-level'] ?? env.HOST_LOG_LEVEL) as LogLevel | undefined,
  });
}
