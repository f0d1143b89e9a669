import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of every client, worker and workflow bundle that encrypts payloads: a
 * failure's message and stack trace travel as its `encodedAttributes` payload (the message in
 * Temporal reads "Encoded failure"), which the payload codec then encrypts like any other payload.
 * Error texts quote their inputs (file names, revisions, model output), so plain failure messages
 * would leak what the codec hides. Decoding restores message and stack for any converter.
 *
 * Loaded by path (`failureConverterPath`): the SDK `require`s it on the main thread and webpack
 * bundles it into the workflow sandbox, so this file imports nothing but `@temporalio/common`.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
