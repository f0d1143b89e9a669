import { InterceptingCall, status as GrpcStatus, type Interceptor } from '@grpc/grpc-js';
import { grpcRetryInterceptor } from '../temporal/grpc-retry-interceptor.js';
import { createApiMetrics, type ApiMetrics } from './create-api-metrics.js';

/** The gRPC interceptors that count the API's calls to Temporal, and the metrics they count into. */
export interface TemporalCallMetrics {
  /**
   * For `Connection.connect/lazy({ interceptors })`. Passing interceptors replaces the SDK's default
   * retry interceptor, so the list ends with the API's own (see grpcRetryInterceptor).
   */
  interceptors: Interceptor[];
  /**
   * Whose `temporalCalls` and `temporalErrors` the interceptors count into: buildApp serves these
   * metrics. The connection needs its interceptors before the client exists, hence before the app.
   */
  metrics: ApiMetrics;
}

// The WorkflowService methods behind the client calls of the API's routes, readiness and gauges.
const apiMethods = [
  'StartWorkflowExecution',
  'DescribeWorkflowExecution',
  'QueryWorkflow',
  'UpdateWorkflowExecution',
  'PollWorkflowExecutionUpdate',
  'RequestCancelWorkflowExecution',
  'GetWorkflowExecutionHistory',
  'ListWorkflowExecutions',
  'CountWorkflowExecutions',
  'GetSystemInfo',
];

/**
 * Counts every call the API makes to Temporal, by gRPC method, and the calls that failed, by method
 * and status code, into `metrics` (fresh API metrics unless given). It sits at the gRPC level rather than in a client interceptor because the API
 * also calls the raw workflow service (visibility, counts, readiness), which client interceptors
 * never see. It runs before the SDK's retries, so a call counts once however often it was retried,
 * and an error is one the API actually got.
 */
export function createTemporalCallMetrics(metrics: ApiMetrics = createApiMetrics()): TemporalCallMetrics {
  const { temporalCalls: calls, temporalErrors: errors } = metrics;
  const counting: Interceptor = (options, nextCall) => {
    const method = options.method_definition.path.split('/').pop() || 'unknown';
    calls.inc({ method });
    return new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            if (status.code !== GrpcStatus.OK)
              errors.inc({ method, code: GrpcStatus[status.code] ?? String(status.code) });
            nextStatus(status);
          },
        });
      },
    });
  };
  // The methods the API calls start at 0, so the first call of each is an increase to rate().
  // Errors are not: their codes are open-ended, and the dashboard counts a new series from 0.
  for (const method of apiMethods) calls.inc({ method }, 0);
  return { interceptors: [counting, grpcRetryInterceptor()], metrics };
}
