// Kloppend's analysis worker. The page sends the app's own WebAssembly module (already
// compiled) and the URL of its JavaScript glue; this loads nothing else. Files that arrive
// before the module is ready wait in a queue.
const queued = [];
self.onmessage = async (event) => {
  if (!event.data || !event.data.kloppendInit) {
    queued.push(event);
    return;
  }
  try {
    const glue = await import(event.data.glue);
    await glue.default({ module_or_path: event.data.module });
    glue.kloppend_worker(); // from here on, the module answers every message itself
    for (const e of queued.splice(0)) self.onmessage(e);
  } catch (error) {
    self.postMessage({ kloppendFailed: String(error) });
  }
};
