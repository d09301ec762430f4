// Kloppend's service worker: it keeps exactly the files of one build (listed below by the
// build, with their hashed names) so the app opens without a network, and it never sees the
// user's files — those are read from disk by the page and stored in IndexedDB, not fetched.
// A new deployment is a new list and version: it installs beside the old one and waits until
// the page says the user chose to reload.
const VERSION = '__KLOPPEND_VERSION__';
const FILES = __KLOPPEND_FILES__;
const CACHE = `kloppend-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kloppend-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'kloppend-nu-bijwerken') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const name = url.pathname.slice(scope.pathname.length) || 'index.html';
  // Only the build's own files; anything else goes to the network untouched.
  if (!FILES.includes(name)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(new URL(name, scope).href))
      .then((hit) => hit || fetch(request)),
  );
});
