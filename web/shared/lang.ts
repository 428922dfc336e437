import { type Api, ApiError, type Me } from './api.js';
import type { I18n, Lang } from './i18n.js';

/**
 * The language is the person's (kept on their token by PATCH /api/v1/me), so it follows them
 * to another phone or browser. A switch made while the server is out of reach waits here.
 */
const UNSAVED_KEY = 'pesan.lang.unsaved';

type SetsLang = Pick<I18n<string>, 'setLang'>;

/** Saves a switch; kept for later if the network failed, dropped if the server refused it. */
export async function saveLang(api: Api, lang: Lang): Promise<void> {
  localStorage.setItem(UNSAVED_KEY, lang);
  try {
    await api('/api/v1/me', { method: 'PATCH', body: { lang } });
    localStorage.removeItem(UNSAVED_KEY);
  } catch (error) {
    if (error instanceof ApiError) localStorage.removeItem(UNSAVED_KEY);
    console.warn('pesan: language not saved', error);
  }
}

/** Sends a switch still waiting (the signal came back). */
export async function saveUnsavedLang(api: Api): Promise<void> {
  const unsaved = localStorage.getItem(UNSAVED_KEY);
  if (unsaved === 'id' || unsaved === 'en') await saveLang(api, unsaved);
}

/** On sign-in: the server's choice, unless a switch made here has not reached it yet. */
export async function adoptLang(i18n: SetsLang, api: Api, me: Me): Promise<void> {
  const unsaved = localStorage.getItem(UNSAVED_KEY);
  if (unsaved === 'id' || unsaved === 'en') {
    i18n.setLang(unsaved);
    await saveLang(api, unsaved);
    return;
  }
  i18n.setLang(me.lang);
}

/** Signing out: a switch not yet saved belongs to the one who left. */
export function forgetUnsavedLang(): void {
  localStorage.removeItem(UNSAVED_KEY);
}
