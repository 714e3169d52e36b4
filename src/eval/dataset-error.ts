import { GatewayError } from '../errors';

/** An evaluation data file is invalid. Message: `<file>:<line>: <field.path>: <problem>` — never a value. */
export class DatasetError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DATASET_INVALID', 400, message, options);
  }
}
