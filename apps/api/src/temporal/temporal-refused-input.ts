import { status as GrpcStatus } from '@grpc/grpc-js';

// How Temporal (Go) words a request field it could not decode when it answers UNKNOWN instead of
// INVALID_ARGUMENT: a page token that is no JSON ("invalid character 'x' looking for beginning of
// value"), a cut-off one, a wrong type, bad base64.
const undecodable =
  /invalid character|looking for beginning of value|unexpected end of JSON input|cannot unmarshal|illegal base64/i;

// Its gRPC layer refusing the request itself (INTERNAL): a string that is not UTF-8, such as a
// lone surrogate of a JSON body, which protobufjs encodes as it is.
const unreadableRequest = /error unmarshalling request|invalid UTF-8/i;

interface GrpcStatusLike {
  code?: unknown;
  details?: unknown;
  cause?: unknown;
}

/**
 * Whether a gRPC status (or an error carrying one, directly or as the `cause` of the SDK's
 * `ServiceError`) says Temporal refused what it was sent: INVALID_ARGUMENT, UNKNOWN with a
 * decoding error, or INTERNAL from unmarshalling the request. Such a call fails the same way every time: it is never retried, and it is the
 * caller's input at fault, so it becomes a 4xx.
 */
export function isTemporalRefusedInput(statusOrError: GrpcStatusLike | undefined): boolean {
  if (statusOrError === undefined || statusOrError === null) return false;
  const { code, details, cause } = statusOrError;
  if (code === GrpcStatus.INVALID_ARGUMENT) return true;
  if (code === GrpcStatus.UNKNOWN && typeof details === 'string' && undecodable.test(details)) return true;
  if (code === GrpcStatus.INTERNAL && typeof details === 'string' && unreadableRequest.test(details)) return true;
  return typeof cause === 'object' && cause !== statusOrError && isTemporalRefusedInput(cause as GrpcStatusLike);
}
