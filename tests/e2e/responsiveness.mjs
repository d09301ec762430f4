// Measures, inside the page, how long the main thread was blocked: the longest task (Long
// Tasks API) and the largest gap between animation frames. Installed with page.evaluate
// (the CSP does not apply to the test driver); read back with `window.__kloppendStop()`.
// Shared by the benchmarks; kept as plain text so each test injects the same code.
export const START = `(() => {
  const long = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  let gap = 0;
  let running = true;
  const frame = (t) => { gap = Math.max(gap, t - last); last = t; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  window.__kloppendStop = () => {
    running = false;
    for (const e of observer.takeRecords()) long.push(e.duration);
    observer.disconnect();
    gap = Math.max(gap, performance.now() - last);
    return { longestTask: Math.round(Math.max(0, ...long)), tasksOver100: long.filter((d) => d > 100).length, frameGap: Math.round(gap) };
  };
})()`;

// Samples, on every animation frame of the import, whether the progress notice is on screen and
// which file it names: "progress visible throughout" as a share of frames.
export const WATCH_PROGRESS = `(() => {
  const names = new Set();
  const steps = new Set();
  let frames = 0;
  let shown = 0;
  let running = true;
  const tick = () => {
    frames += 1;
    const text = document.querySelector('#importeren-voortgang span')?.textContent;
    if (text) {
      shown += 1;
      steps.add(text.includes('opgeslagen') ? 'opslaan' : text.includes('worden gelezen') ? 'lezen' : 'analyseren');
      const name = text.split(': ').slice(1).join(': ');
      if (name) names.add(name);
    }
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__kloppendProgress = () => { running = false; return { frames, shown, names: [...names], steps: [...steps] }; };
})()`;
