import { inject, injectable } from 'inversify';
import { dataResult, type DataSource, type ICancelableDataResult, type Request, type Response } from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions, OnlineFallbackPolicy } from '../offline/policy/OnlineFallbackPolicy.js';
import type { ScaleUnitClient } from '../offline/scaleUnit/ScaleUnitClient.js';
import type { OfflineStore } from '../offline/store/OfflineStore.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';

/**
 * A data request with an online answer and an offline answer. Subclasses say what each is; the
 * one fallback policy decides which runs. A partner adding an offline rule (a price rule, say)
 * subclasses a handler and overrides `offline` or `respond`.
 */
@injectable()
export abstract class FallbackRequestHandler<TRequest extends Request<TResponse>, TResponse extends Response, TValue>
  implements IClientRequestHandler<TRequest, TResponse>
{
  /** Names the call in errors and logs. */
  protected abstract readonly what: string;

  constructor(
    @inject(TOKENS.OnlineFallbackPolicy) protected readonly policy: OnlineFallbackPolicy,
    @inject(TOKENS.ScaleUnitClient) protected readonly client: ScaleUnitClient,
    @inject(TOKENS.OfflineStore) protected readonly store: OfflineStore,
  ) {}

  async executeAsync(request: TRequest): Promise<ICancelableDataResult<TResponse>> {
    const { value, source } = await this.policy.execute(
      this.what,
      (call) => this.online(request, call),
      () => this.offline(request),
    );
    return dataResult(this.respond(value, source, request));
  }

  protected abstract online(request: TRequest, call: OnlineCallOptions): Promise<TValue>;
  protected abstract offline(request: TRequest): Promise<TValue>;
  protected abstract respond(value: TValue, source: DataSource, request: TRequest): TResponse;
}
