/**
 * The crew page's service worker: keeps the page shell (HTML, script, styles) on the phone so the
 * page opens without a signal. API calls are never cached here: the page keeps its own copy of
 * the day's list and queues its confirmations.
 */

// Injected by web/build.mjs.
declare const __PRECACHE__: string[];
declare const __VERSION__: string;

// The DOM library has no service-worker types; these are the few parts used.
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const CACHE = `pesan-crew-${__VERSION__}`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(__PRECACHE__))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('pesan-crew-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;

  if (request.mode === 'navigate' && url.pathname === '/crew') {
    // The page first from the network (a new build shows at once), the saved shell without it.
    event.respondWith(
      fetch(request).catch(() => caches.match('/crew').then((hit) => hit ?? Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Asset names carry a content hash: a saved copy is always the right one.
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  }
});
