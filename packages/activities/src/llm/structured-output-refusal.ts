// llama-cpp-python: 500 "... ('body', 'response_format', 'type') ... Input should be 'text' or
// 'json_object'"; TGI: 422 "response_format: unknown variant `json_schema`"; LM Studio: 400
// "'response_format.type' must be 'json_schema' or 'text'"; proxies: 400 "Unrecognized request
// argument supplied: response_format".
const mentionsResponseFormat = /response_format|json_schema|json_object|'text'|structured output/i;

/**
 * Whether a failed chat request was refused for the way it asked for structured output, so the same
 * call is worth repeating in the next, plainer mode. 400 and 422 always qualify: a server that does
 * not know the format often says no more than "bad request", and the next mode's answer tells (a
 * mode is only remembered once a call in it succeeds). A 5xx qualifies only when its message names
 * the format, as llama-cpp-python's does; any other 5xx is the server's trouble, to be retried.
 */
export function isStructuredOutputRefusal(status: number, message: string): boolean {
  if (status === 400 || status === 422) return true;
  return status >= 500 && mentionsResponseFormat.test(message);
}
