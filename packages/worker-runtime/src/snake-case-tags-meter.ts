import {
  MetricMeterWithComposedTags,
  type MetricCounter,
  type MetricGauge,
  type MetricHistogram,
  type MetricMeter,
  type MetricTags,
  type MetricUpDownCounter,
  type NumericMetricValueType,
} from '@temporalio/common';

/** `taskQueue` -> `task_queue`; names already in snake_case stay as they are. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function snakeCaseTags(tags: MetricTags | undefined): MetricTags | undefined {
  if (tags === undefined) return undefined;
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [snakeCase(key), value]));
}

function counterOf(parent: MetricCounter): MetricCounter {
  return {
    name: parent.name,
    ...(parent.unit === undefined ? {} : { unit: parent.unit }),
    ...(parent.description === undefined ? {} : { description: parent.description }),
    kind: 'counter',
    valueType: 'int',
    add: (value, tags) => parent.add(value, snakeCaseTags(tags)),
    withTags: (tags) => counterOf(parent.withTags(snakeCaseTags(tags) ?? {})),
  };
}

function histogramOf(parent: MetricHistogram): MetricHistogram {
  return {
    name: parent.name,
    ...(parent.unit === undefined ? {} : { unit: parent.unit }),
    ...(parent.description === undefined ? {} : { description: parent.description }),
    kind: 'histogram',
    valueType: parent.valueType,
    record: (value, tags) => parent.record(value, snakeCaseTags(tags)),
    withTags: (tags) => histogramOf(parent.withTags(snakeCaseTags(tags) ?? {})),
  };
}

function gaugeOf(parent: MetricGauge): MetricGauge {
  return {
    name: parent.name,
    ...(parent.unit === undefined ? {} : { unit: parent.unit }),
    ...(parent.description === undefined ? {} : { description: parent.description }),
    kind: 'gauge',
    valueType: parent.valueType,
    set: (value, tags) => parent.set(value, snakeCaseTags(tags)),
    withTags: (tags) => gaugeOf(parent.withTags(snakeCaseTags(tags) ?? {})),
  };
}

function upDownCounterOf(parent: MetricUpDownCounter): MetricUpDownCounter {
  return {
    name: parent.name,
    ...(parent.unit === undefined ? {} : { unit: parent.unit }),
    ...(parent.description === undefined ? {} : { description: parent.description }),
    kind: 'up-down-counter',
    valueType: 'int',
    add: (value, tags) => parent.add(value, snakeCaseTags(tags)),
    withTags: (tags) => upDownCounterOf(parent.withTags(snakeCaseTags(tags) ?? {})),
  };
}

/**
 * A meter that writes every tag name in snake_case before it reaches `parent`.
 *
 * The SDK tags the metrics of workflow and activity code with camelCase names (`taskQueue`,
 * `activityType`, `workflowType`) while its own Core metrics use `task_queue`, `activity_type`,
 * `workflow_type`. Prometheus wants snake_case (`promtool check metrics` rejects the others), and
 * one spelling lets the dashboard join both kinds. Tags added later (`withTags`, the worker's and
 * the activity's own) all resolve through this meter, because the SDK composes them on top of it.
 */
export function snakeCaseTagsMeter(parent: MetricMeter): MetricMeter {
  const meter: MetricMeter = {
    createCounter: (name: string, unit?: string, description?: string) =>
      counterOf(parent.createCounter(name, unit, description)),
    createHistogram: (name: string, valueType?: NumericMetricValueType, unit?: string, description?: string) =>
      histogramOf(parent.createHistogram(name, valueType, unit, description)),
    createGauge: (name: string, valueType?: NumericMetricValueType, unit?: string, description?: string) =>
      gaugeOf(parent.createGauge(name, valueType, unit, description)),
    ...(parent.createUpDownCounter
      ? {
          createUpDownCounter: (name: string, unit?: string, description?: string) =>
            upDownCounterOf(parent.createUpDownCounter!(name, unit, description)),
        }
      : {}),
    withTags: (tags: MetricTags) => MetricMeterWithComposedTags.compose(meter, tags),
  };
  return meter;
}
