// What the end-to-end tests share: `wails dev` on a temporary data folder,
// Debian's Chromium, and small waiting helpers. `wails dev` builds the Go app
// and serves the frontend on localhost:34115 with the real Go bindings over
// its IPC; it uses the fixed ports 34115 and 5173, so test files using this
// must run one at a time (npm run test:e2e does).
//
// Needs: a display (run under xvfb-run: wails dev also opens the window),
// PEERPLAYPAY_BIN (the built app, for its CLI) and WAILS (the Wails CLI).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '../..');
export const artifacts = join(repo, 'e2e', 'artifacts');
export const devURL = 'http://localhost:34115/';
export const bin = process.env.PEERPLAYPAY_BIN ?? join(repo, 'build/bin/peerplaypay');
export const run = promisify(execFile);
const wails = process.env.WAILS ?? join(repo, '.tools/wails');

/** newDataDir makes an empty data folder and the artifacts folder. */
export function newDataDir(prefix) {
  mkdirSync(artifacts, { recursive: true });
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * startDev starts `wails dev` on dataDir with extra environment, waits until
 * it serves the page, and returns a function that stops it with vite and the
 * app (its own process group).
 */
export async function startDev(dataDir, env = {}) {
  let log = '';
  const dev = spawn(wails, ['dev', '-tags', 'webkit2_41', '-m', '-nosyncgomod', '-skipbindings', '-noreload', '-nocolour',
    // Vite starting on a busy machine takes more than wails' default 10 s.
    '-viteservertimeout', '600'], {
    cwd: repo,
    env: { ...process.env, PEERPLAYPAY_HOME: dataDir, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout.on('data', (d) => (log += d));
  dev.stderr.on('data', (d) => (log += d));
  const stop = async () => {
    if (dev.exitCode !== null) return;
    try { process.kill(-dev.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 1500));
    try { process.kill(-dev.pid, 'SIGKILL'); } catch { /* already gone */ }
  };

  // The first build of the dev variant takes as long as it takes: on a cold
  // cache and a busy 2-core machine that is well over five minutes, and a
  // build killed by a deadline fails every later test too. So there is no
  // deadline while wails dev builds (it prints the DevServer URL once the
  // app is built); serving after that must be quick.
  const serveMs = 2 * 60 * 1000;
  let built = 0;
  for (;;) {
    if (dev.exitCode !== null) throw new Error(`wails dev exited ${dev.exitCode}:\n${log}`);
    if (!built && log.includes('Using DevServer URL')) built = Date.now();
    if (built && Date.now() - built > serveMs) break;
    try {
      const res = await fetch(devURL);
      if (res.ok && (await res.text()).includes('/wails/ipc.js')) return stop;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`wails dev built the app but did not serve ${devURL} in ${serveMs / 1000} s:\n${log}`);
}

/** launchBrowser starts Debian's Chromium with the flags a closed network needs. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** eventually polls fn until it returns something truthy, and returns it. */
export async function eventually(fn, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
