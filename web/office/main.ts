import 'leaflet/dist/leaflet.css';
import '../shared/base.css';
import './office.css';
import type { PageConfig } from '../../src/web/page-config.js';
import { ApiError, createApi, type Me, tokenFromLink } from '../shared/api.js';
import { byId, h } from '../shared/dom.js';
import { createI18n, fmtNumber, type Lang } from '../shared/i18n.js';
import { adoptLang, forgetUnsavedLang, saveLang } from '../shared/lang.js';
import { signInForm } from '../shared/sign-in.js';
import { adminView } from './admin-view.js';
import { alertsView } from './alerts-view.js';
import { binView } from './bin-view.js';
import { Live } from './live.js';
import { mapView } from './map-view.js';
import type { Office, View } from './office.js';
import { planView } from './plan-view.js';
import { OFFICE_STRINGS } from './strings.js';

const TOKEN_KEY = 'pesan.office.token';
const ROUTES: Record<string, View> = {
  map: mapView,
  bin: binView,
  alerts: alertsView,
  plan: planView,
  admin: adminView,
};

const config = JSON.parse(byId('pesan-config').textContent ?? '{}') as PageConfig;
const i18n = createI18n(OFFICE_STRINGS);
let token = tokenFromLink(TOKEN_KEY);
const api = createApi(() => token);
const viewEl = byId('view');
let office: Office | null = null;
let teardown: () => void = () => {};
let liveConnected = false;

function setLive(connected: boolean): void {
  liveConnected = connected;
  const el = byId('live');
  el.hidden = false;
  el.className = `live ${connected ? 'on' : 'off'}`;
  el.textContent = i18n.t(connected ? 'live.on' : 'live.off');
}

async function refreshBadge(): Promise<void> {
  if (!office) return;
  const { alerts } = await office.api<{ alerts: unknown[] }>(
    '/api/v1/alerts?status=open&limit=1000',
  );
  byId('alert-badge').textContent = alerts.length > 0 ? fmtNumber(alerts.length) : '';
}

function route(): void {
  if (!office) return;
  const [name = 'map', ...params] = location.hash.replace(/^#\/?/, '').split('/');
  const view = ROUTES[name] ?? mapView;
  for (const link of document.querySelectorAll<HTMLElement>('[data-route]')) {
    link.classList.toggle('active', link.dataset.route === (name === 'bin' ? 'map' : name));
  }
  teardown();
  teardown = view(office, viewEl, params);
}

function signIn(message: string | null): void {
  byId('nav').hidden = true;
  byId('sign-out').hidden = true;
  const labels = {
    title: i18n.t('signInTitle'),
    help: i18n.t('signInHelp'),
    token: i18n.t('tokenLabel'),
    button: i18n.t('signIn'),
  };
  const form = signInForm(labels, message, (typed) => {
    token = typed;
    localStorage.setItem(TOKEN_KEY, typed);
    start().catch(fail);
  });
  viewEl.replaceChildren(form);
}

async function start(): Promise<void> {
  if (!token) return signIn(null);

  let me: Me;
  try {
    me = await api<Me>('/api/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signIn(i18n.t('badToken'));
    throw error;
  }
  if (me.role === 'crew') return signIn(i18n.t('crewToken'));
  await adoptLang(i18n, api, me);
  i18n.apply(document);

  const live = new Live(setLive);
  live.connect(token);
  office = { api, token, i18n, me, config, live };
  byId('nav').hidden = false;
  byId('sign-out').hidden = false;
  live.on('alert', () => void refreshBadge().catch(fail));
  route();
  await refreshBadge();
}

function fail(error: unknown): void {
  viewEl.replaceChildren(
    h(
      'p',
      { class: 'error' },
      i18n.t('error', { message: error instanceof Error ? error.message : String(error) }),
    ),
  );
}

window.addEventListener('hashchange', route);
byId('sign-out').addEventListener('click', () => {
  localStorage.removeItem(TOKEN_KEY);
  forgetUnsavedLang();
  office?.live.close();
  office = null;
  token = null;
  teardown();
  signIn(null);
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang as Lang;
    i18n.setLang(lang);
    i18n.apply(document);
    if (office) {
      setLive(liveConnected);
      route();
      void saveLang(api, lang);
    } else signIn(null);
  });
}
i18n.apply(document);
start().catch(fail);
