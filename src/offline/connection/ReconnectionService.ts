import type { ConnectionManager } from './ConnectionManager.js';
import type { RegisterConfigurationService } from '../profile/RegisterConfigurationService.js';
import type { ScaleUnitClient } from '../scaleUnit/ScaleUnitClient.js';
import { classifyFailure } from '../scaleUnit/classifyFailure.js';

export interface ReconnectResult {
  readonly ok: boolean;
  /** Why the scale unit could not be reached, when it could not. */
  readonly error?: string;
}

/**
 * One bounded attempt to reach the scale unit again: a health probe that never waits longer than
 * the profile's timeout. On success the register goes Online (the uploader hears it through the
 * connection status stream and drains at once).
 */
export class ReconnectionService {
  private attempt: Promise<ReconnectResult> | null = null;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly client: ScaleUnitClient,
    private readonly register: RegisterConfigurationService,
  ) {}

  /** Concurrent callers share one probe. */
  tryReconnect(reason: string): Promise<ReconnectResult> {
    this.attempt ??= this.probe(reason).finally(() => (this.attempt = null));
    return this.attempt;
  }

  private async probe(reason: string): Promise<ReconnectResult> {
    this.connection.recordReconnectAttempt();
    try {
      await this.client.getHealth({ timeoutMs: this.register.profile.switchToOfflineTimeoutMs });
    } catch (error) {
      return { ok: false, error: classifyFailure(error, 'reconnect', false).message };
    }
    this.connection.goOnline(reason);
    return { ok: true };
  }
}
