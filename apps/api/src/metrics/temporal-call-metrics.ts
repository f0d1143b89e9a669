import { InterceptingCall, status as GrpcStatus, type Interceptor } from '@grpc/grpc-js';
import { Counter, type Registry } from 'prom-client';
import { grpcRetryInterceptor } from '../temporal/grpc-retry-interceptor.js';
import { apiMetricSeries } from './api-metric-series.js';

/** Counters of the API's calls to Temporal, fed by gRPC interceptors on its `Connection`. */
export interface TemporalCallMetrics {
  /**
   * For `Connection.connect/lazy({ interceptors })`. Passing interceptors replaces the SDK's default
   * retry interceptor, so the list ends with the API's own (see grpcRetryInterceptor).
   */
  interceptors: Interceptor[];
  /** Puts the counters on the app's registry (buildApp does this). */
  register(registry: Registry): void;
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
 * and status code. It sits at the gRPC level rather than in a client interceptor because the API
 * also calls the raw workflow service (visibility, counts, readiness), which client interceptors
 * never see. It runs before the SDK's retries, so a call counts once however often it was retried,
 * and an error is one the API actually got.
 */
export function createTemporalCallMetrics(): TemporalCallMetrics {
  const { temporalCalls, temporalErrors } = apiMetricSeries;
  const calls = new Counter({ ...temporalCalls, labelNames: [...temporalCalls.labelNames], registers: [] });
  const errors = new Counter({ ...temporalErrors, labelNames: [...temporalErrors.labelNames], registers: [] });
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
  return {
    interceptors: [counting, grpcRetryInterceptor()],
    register(registry) {
      registry.registerMetric(calls);
      registry.registerMetric(errors);
    },
  };
}
