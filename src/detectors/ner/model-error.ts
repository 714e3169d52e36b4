import { GatewayError } from '../../errors';

/** A model folder is missing a file or holds an invalid one. Message: `<file>: <field.path>: <problem>`. */
export class ModelError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MODEL_INVALID', 500, message, options);
  }
}
