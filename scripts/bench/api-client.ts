/** A JSON answer of the API. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the reviewflow API with a Bearer key; throws when the status is not one of `expect`. */
export function apiClient(base: string, key: string) {
  return async (method: string, path: string, body?: unknown, expect: number[] = [200, 202]): Promise<ApiAnswer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = { status: res.status, body: (await res.json()) as Record<string, unknown> };
    if (!expect.includes(res.status)) {
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer;
  };
}

/** The function {@link apiClient} returns. */
export type ApiCall = ReturnType<typeof apiClient>;
