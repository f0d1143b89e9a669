import { status as GrpcStatus, type Interceptor, type StatusObject } from '@grpc/grpc-js';
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { isTemporalRefusedInput } from './temporal-refused-input.js';

// Methods whose request carries a caller's input Temporal may be unable to read (a page token).
// Temporal masks such failures as UNKNOWN "something went wrong, please retry" on some versions,
// which the SDK retries for ~18 s; for these reads an UNKNOWN is answered at once instead, at the
// price of no retry for a genuinely transient UNKNOWN (UNAVAILABLE is still retried).
const callerInputMethods = new Set(['ListWorkflowExecutions']);

/**
 * The API's retry interceptor for its Temporal `Connection`: the SDK's default backoff and
 * retryable codes, except that a refusal of the request (see isTemporalRefusedInput) is never
 * retried, and UNKNOWN is not retried for the methods that carry a caller's page token. A request
 * at fault fails on the first answer rather than at the request deadline.
 */
export function grpcRetryInterceptor(): Interceptor {
  const defaults = defaultGrpcRetryOptions();
  const retrying = (unknownIsFinal: boolean): Interceptor =>
    makeGrpcRetryInterceptor({
      delayFunction: defaults.delayFunction,
      retryableDecider: (attempt: number, status: StatusObject) =>
        !isTemporalRefusedInput(status) &&
        !(unknownIsFinal && status.code === GrpcStatus.UNKNOWN) &&
        defaults.retryableDecider(attempt, status),
    });
  const general = retrying(false);
  const callerInput = retrying(true);
  return (options, nextCall) => {
    const method = options.method_definition.path.split('/').pop() ?? '';
    return (callerInputMethods.has(method) ? callerInput : general)(options, nextCall);
  };
}
