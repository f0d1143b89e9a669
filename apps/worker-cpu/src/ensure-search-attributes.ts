import { ReviewSearchAttribute } from '@reviewflow/contract';
import proto from '@temporalio/proto';
import { Runtime, type NativeConnection } from '@temporalio/worker';

/**
 * Registers the review search attributes when the server lacks them. Workflows upsert them at every
 * stage, and an unregistered attribute would fail every workflow task; the dev server and
 * self-hosted clusters accept this call, Temporal Cloud needs them registered by an operator.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string): Promise<void> {
  const log = Runtime.instance().logger;
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(ReviewSearchAttribute).filter((key) => !(key.name in (customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((key) => [key.name, proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
      ),
    });
    log.info('registered search attributes', { names: missing.map((k) => k.name) });
  } catch (err) {
    log.error('search attributes are missing and could not be registered; register them on the server', {
      names: missing.map((k) => k.name),
      error: String(err),
    });
    throw err;
  }
}
