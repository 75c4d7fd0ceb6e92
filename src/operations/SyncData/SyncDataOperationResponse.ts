import { Response } from '#pos-api';
import type { ConnectionStatusModel } from '../../offline/status/ConnectionStatusModel.js';

export default class SyncDataOperationResponse extends Response {
  constructor(public readonly status: ConnectionStatusModel) {
    super();
  }
}
