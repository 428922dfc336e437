/** Fetches the Pesan Ibu API with the signed-in token; errors keep the API's code. */
import type { Lang } from './i18n.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export interface Me {
  role: 'admin' | 'office' | 'crew';
  label: string;
  crewId: string | null;
  crewName: string | null;
  vehicleId: string | null;
  /** The language the token's holder chose. */
  lang: Lang;
}

export function createApi(getToken: () => string | null) {
  return async function api<T>(
    path: string,
    init: { method?: string; body?: unknown; contentType?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] = init.contentType ?? 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }

    const response = await fetch(path, { method: init.method ?? 'GET', headers, body });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } })
        ?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'HTTP_ERROR',
        error?.message ?? response.statusText,
        error?.details ?? null,
      );
    }

    return json as T;
  };
}

export type Api = ReturnType<typeof createApi>;

/** Takes `#token=...` from the address (a link handed out) and keeps it; the hash is cleared. */
export function tokenFromLink(storageKey: string): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    localStorage.setItem(storageKey, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  return localStorage.getItem(storageKey);
}
