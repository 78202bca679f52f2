import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into the encoded attributes, a payload the encryption codec
 * seals, so a database error quoting a resident's words never sits in plain text in history.
 * Loaded by path: the workflow bundle, the worker and the client must all use this same module.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

export const FAILURE_CONVERTER_PATH = __filename;
