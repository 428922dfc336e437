/** JSON in localStorage: survives reloads, restarts and the phone going offline. */
export function readJson<T>(key: string, fallback: T): T {
  const text = localStorage.getItem(key);
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}

/** An id for a confirmation, made on the phone (insecure origins lack crypto.randomUUID). */
export function newClientRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));

  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
