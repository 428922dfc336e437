import '../shared/base.css';
import './crew.css';
import type { ConfirmedPickupList as PickupList } from '../../src/api/confirmed-pickups.js';
import type { PickupStop } from '../../src/routing/crew-pickups.js';
import { ApiError, createApi, type Me, tokenFromLink } from '../shared/api.js';
import { byId, h, setChildren } from '../shared/dom.js';
import { createI18n, fmtDate, fmtDateTime, type Lang, wibToday } from '../shared/i18n.js';
import { adoptLang, forgetUnsavedLang, saveLang, saveUnsavedLang } from '../shared/lang.js';
import { printLink } from '../shared/print-url.js';
import { signInForm } from '../shared/sign-in.js';
import { type Confirmation, ConfirmationQueue, type Delivery } from './queue.js';
import { type Reason, type StopMark, stopsView } from './stops-view.js';
import { newClientRef, readJson, writeJson } from './store.js';
import { CREW_STRINGS } from './strings.js';

const KEYS = {
  token: 'pesan.crew.token',
  me: 'pesan.crew.me',
  queue: 'pesan.crew.queue',
  list: (date: string) => `pesan.crew.list.${date}`,
  marks: (date: string) => `pesan.crew.marks.${date}`,
};
const RETRY_MS = { first: 5_000, max: 60_000 };

interface CachedList {
  list: PickupList;
  loadedAt: number;
}

const i18n = createI18n(CREW_STRINGS);
let token = tokenFromLink(KEYS.token);
const api = createApi(() => token);
const date = wibToday();
const app = byId('app');
let me: Me | null = readJson<Me | null>(KEYS.me, null);
let cached: CachedList | null = readJson<CachedList | null>(KEYS.list(date), null);
let fromCache = false;
let loadError: string | null = null;
/** False once a request failed for want of network, true again on the next answer. */
let reachable = true;
let retryMs = RETRY_MS.first;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const marks = () => readJson<Record<string, StopMark>>(KEYS.marks(date), {});

/**
 * The phone's own marks, plus what the server holds from other phones (or from this one before
 * its storage was cleared). A mark still on the phone (queued, refused) is the crew's latest
 * word; a sent one yields to a later tap elsewhere.
 */
function shownMarks(list: PickupList): Record<string, StopMark> {
  const own = marks();
  const shown = { ...own };
  for (const { binId, confirmation: c } of list.stops) {
    if (!binId || !c) continue;
    const mine = own[binId];
    if (mine && (mine.state !== 'sent' || Date.parse(mine.at) >= Date.parse(c.at))) continue;
    shown[binId] = {
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.note ? { note: c.note } : {}),
      at: c.at,
      state: 'sent',
    };
  }

  return shown;
}
const setMark = (binId: string, mark: StopMark) =>
  writeJson(KEYS.marks(date), { ...marks(), [binId]: mark });

async function deliver(c: Confirmation): Promise<Delivery> {
  try {
    await api('/api/v1/collections', { method: 'POST', body: c });
    reachable = true;

    return { kind: 'sent' };
  } catch (error) {
    reachable = error instanceof ApiError;
    if (!(error instanceof ApiError)) return { kind: 'retry' };
    if (error.status === 401) return { kind: 'signed-out' };
    if (error.status === 429 || error.status >= 500) return { kind: 'retry' };

    return { kind: 'refused', message: error.message };
  }
}

const queue = new ConfirmationQueue(KEYS.queue, deliver, ({ confirmation, delivery }) => {
  const mark = marks()[confirmation.binId];
  // A mark changed while its first version was in flight: that delivery says nothing of it.
  const same = mark?.clientRef === undefined || mark.clientRef === confirmation.clientRef;
  if (mark && same && (delivery.kind === 'sent' || delivery.kind === 'refused')) {
    setMark(confirmation.binId, {
      ...mark,
      state: delivery.kind,
      ...(delivery.kind === 'refused' ? { message: delivery.message } : {}),
    });
  }
  render();
});

/** Sends the queue now, and again later with backoff while something still waits. */
function flushSoon(): void {
  clearTimeout(retryTimer);
  queue
    .flush()
    .then(() => {
      if (queue.items().length === 0) {
        retryMs = RETRY_MS.first;
        return;
      }
      retryTimer = setTimeout(flushSoon, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MS.max);
    })
    .catch((error: unknown) => console.error('pesan: flushing confirmations failed', error));
}

/** A mark on its way: what the phone keeps of it until the server has answered. */
type QueuedMark = Omit<StopMark, 'state' | 'message'> & { clientRef: string };

/** Queues the mark's confirmation, keeps the mark as queued and sends it now. */
function enqueue(binId: string, crewId: string, mark: QueuedMark) {
  const { clientRef, status, reason, note, at } = mark;
  queue.add({
    clientRef,
    crewId,
    binId,
    status,
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
    at,
  });
  setMark(binId, { ...mark, state: 'queued' });
  render();
  flushSoon();
}

function confirm(stop: PickupStop, status: StopMark['status'], reason?: Reason, note?: string) {
  if (!stop.binId || !me?.crewId) return;

  // Every mark, a changed one too, is a new confirmation with its own clientRef; the queue
  // drops an older one for the stop that has not left the phone yet.
  enqueue(stop.binId, me.crewId, {
    status,
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
    at: new Date().toISOString(),
    clientRef: newClientRef(),
  });
}

/**
 * Sends a refused mark again as it was: same clientRef and tap time. The server stored nothing
 * when it answered 4xx, so reusing the id cannot make a duplicate.
 */
function retry(stop: PickupStop) {
  const mark = stop.binId ? marks()[stop.binId] : undefined;
  if (!stop.binId || !me?.crewId || mark?.state !== 'refused') return;

  const { message: _refusal, state: _refused, ...rest } = mark;
  enqueue(stop.binId, me.crewId, { ...rest, clientRef: mark.clientRef ?? newClientRef() });
}

function renderNet(): void {
  const net = byId('net');
  const waiting = queue.items().length;
  // navigator.onLine only knows about the radio; a dead server or captive portal counts too.
  const online = navigator.onLine && reachable;
  net.className = `net ${online ? 'online' : 'offline'}`;
  setChildren(
    net,
    h('span', {}, online ? i18n.t('online') : i18n.t('offline')),
    waiting > 0
      ? h('span', { id: 'queue-count' }, ` · ${i18n.t('pending', { n: waiting })}`)
      : null,
  );
}

function signInView(message: string | null): HTMLElement {
  const labels = {
    title: i18n.t('signInTitle'),
    help: i18n.t('signInHelp'),
    token: i18n.t('tokenLabel'),
    button: i18n.t('signIn'),
  };

  return signInForm(labels, message, (typed) => {
    token = typed;
    localStorage.setItem(KEYS.token, typed);
    start().catch((error: unknown) => console.error('pesan: start failed', error));
  });
}

function render(): void {
  renderNet();
  byId('crew-name').textContent = me?.crewName ?? '';
  if (!me) return;

  const list = cached?.list;
  const head = h(
    'div',
    { class: 'day' },
    h('h1', {}, fmtDate(date, i18n.lang())),
    me.crewId && token ? printLink(me.crewId, date, token, i18n.t('print')) : null,
    fromCache && cached
      ? h(
          'p',
          { class: 'muted' },
          i18n.t('savedCopy', { time: fmtDateTime(cached.loadedAt, i18n.lang()) }),
        )
      : null,
    loadError ? h('p', { class: 'error' }, i18n.t('loadFailed', { message: loadError })) : null,
  );
  if (!list || list.stops.length === 0) {
    app.replaceChildren(head, h('p', { class: 'card' }, i18n.t('noPlan')), reloadButton());
    return;
  }

  const pickups = list.stops.filter((s) => s.type === 'pickup');
  const current = shownMarks(list);
  // A refused mark is not done: the server has no record of the stop.
  const done = pickups.filter(
    (s) => s.binId && current[s.binId] && current[s.binId]?.state !== 'refused',
  ).length;
  head.append(
    h('p', { class: 'progress' }, i18n.t('progress', { done, total: pickups.length })),
    h('progress', { max: pickups.length, value: done }),
  );
  app.replaceChildren(
    head,
    stopsView({ i18n, list, marks: current, onConfirm: confirm, onRetry: retry }),
    reloadButton(),
  );
}

function reloadButton(): HTMLElement {
  return h(
    'p',
    { class: 'footer' },
    h('button', { type: 'button', class: 'reload', onclick: () => void load() }, i18n.t('reload')),
    ' ',
    h('button', { type: 'button', class: 'sign-out', onclick: signOut }, i18n.t('signOut')),
  );
}

function signOut(): void {
  localStorage.removeItem(KEYS.token);
  localStorage.removeItem(KEYS.me);
  forgetUnsavedLang();
  token = null;
  me = null;
  app.replaceChildren(signInView(null));
}

/** Loads today's list; without a signal the copy saved last time is shown. */
async function load(): Promise<void> {
  if (!me?.crewId) return;
  try {
    const list = await api<PickupList>(
      `/api/v1/crews/${encodeURIComponent(me.crewId)}/pickups?date=${date}`,
    );
    cached = { list, loadedAt: Date.now() };
    writeJson(KEYS.list(date), cached);
    fromCache = false;
    loadError = null;
    reachable = true;
  } catch (error) {
    reachable = error instanceof ApiError;
    fromCache = cached !== null;
    loadError = error instanceof ApiError ? error.message : null;
  }
  render();
}

async function start(): Promise<void> {
  if (!token) {
    app.replaceChildren(signInView(null));
    return;
  }
  try {
    const who = await api<Me>('/api/v1/me');
    if (who.role !== 'crew' || !who.crewId) {
      app.replaceChildren(signInView(i18n.t('notCrewToken')));
      return;
    }
    me = who;
    writeJson(KEYS.me, me);
    await adoptLang(i18n, api, who);
    i18n.apply(document);
  } catch (error) {
    // Offline: carry on with who we were last time.
    if (error instanceof ApiError) {
      app.replaceChildren(signInView(i18n.t('badToken')));
      return;
    }
  }
  if (!me) {
    app.replaceChildren(signInView(null));
    return;
  }
  render();
  await load();
  flushSoon();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.lang as Lang;
    i18n.setLang(lang);
    i18n.apply(document);
    if (me) {
      render();
      void saveLang(api, lang);
    } else if (!token) app.replaceChildren(signInView(null));
  });
}
window.addEventListener('online', () => {
  reachable = true;
  renderNet();
  flushSoon();
  void load();
  void saveUnsavedLang(api);
});
window.addEventListener('offline', renderNet);
i18n.apply(document);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/crew-sw.js', { scope: '/crew' })
    .catch((error: unknown) => console.warn('pesan: no offline shell', error));
}
start().catch((error: unknown) => console.error('pesan: start failed', error));
