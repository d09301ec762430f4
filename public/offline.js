// Registers the service worker (offline use) and, when a newer build is waiting, offers to
// reload. Plain http other than localhost allows no service worker: then nothing happens here
// and Instellingen says offline use needs https.
const container = navigator.serviceWorker;
if (container && window.isSecureContext) {
  container
    .register('./sw.js', { scope: './' })
    .then((registration) => {
      const offer = (worker) => {
        if (!worker || document.getElementById('nieuwe-versie')) return;
        const bar = document.createElement('div');
        bar.id = 'nieuwe-versie';
        bar.className = 'notice info update-bar';
        bar.setAttribute('role', 'status');
        bar.textContent = 'Er is een nieuwe versie van Kloppend. ';
        const button = document.createElement('button');
        button.textContent = 'Opnieuw laden';
        button.addEventListener('click', () => worker.postMessage('kloppend-nu-bijwerken'));
        bar.append(button);
        document.body.prepend(bar);
      };
      // Only an update is offered: the first installation needs no reload.
      if (registration.waiting && container.controller) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && container.controller) offer(installing);
        });
      });
      let reloading = false;
      container.addEventListener('controllerchange', () => {
        if (reloading || !document.getElementById('nieuwe-versie')) return;
        reloading = true;
        location.reload();
      });
    })
    .catch((error) => console.warn('offline gebruik niet beschikbaar:', error));
}
