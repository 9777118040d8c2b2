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
import { AxeBuilder } from '@axe-core/playwright';

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
  const dev = spawn(
    wails,
    [
      'dev',
      '-tags',
      'webkit2_41',
      '-m',
      '-nosyncgomod',
      '-skipbindings',
      '-noreload',
      '-nocolour',
      // Vite starting on a busy machine takes more than wails' default 10 s.
      '-viteservertimeout',
      '600',
    ],
    {
      cwd: repo,
      env: { ...process.env, PEERPLAYPAY_HOME: dataDir, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  dev.stdout.on('data', (d) => (log += d));
  dev.stderr.on('data', (d) => (log += d));
  const stop = async () => {
    if (dev.exitCode !== null) return;
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(-dev.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
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
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`wails dev built the app but did not serve ${devURL} in ${serveMs / 1000} s:\n${log}`);
}

/** launchBrowser starts Debian's Chromium with the flags a closed network needs. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
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

/**
 * checkA11y runs axe on the page as it is now and fails on what keeps a
 * keyboard or screen reader user out (serious and critical impact), naming
 * the rule, the elements and where the fix is explained.
 */
export async function checkA11y(page, where) {
  const started = Date.now();
  const { violations } = await new AxeBuilder({ page }).analyze();
  console.log(`axe: ${where} in ${Date.now() - started} ms`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!bad.length) return;
  const lines = bad.map((v) =>
    [
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replaceAll('\n', ' ')}`),
    ].join('\n'),
  );
  throw new Error(`accessibility problems in ${where}:\n${lines.join('\n')}`);
}

/**
 * settled waits until an area has drawn what it loads: its content after
 * the heading is there (areas load on first use) and unchanged for 200 ms.
 */
async function settled(page) {
  await page.locator('#area-heading ~ *').first().waitFor();
  let last = '';
  await eventually(async () => {
    const now = await page.evaluate(() => document.querySelector('main')?.innerHTML ?? '');
    const same = now === last;
    last = now;
    return same;
  }, 'the area to settle');
}

const areaNames = ['Today', 'Logs', 'Goals', 'Growth', 'Team', 'Inbox', 'Session', 'Insights', 'Settings'];

/**
 * checkAreas opens each area by its key (1 is Today ... 9 is Settings) and
 * checks it and every tab inside it with axe, then goes back to the tab
 * that was selected, so later steps find the area as they left it.
 */
export async function checkAreas(page, keys, when) {
  for (const k of keys) {
    await page.keyboard.press(`Control+${k}`);
    await page.locator('#area-heading', { hasText: areaNames[k - 1] }).waitFor();
    // The key puts focus on the area's title, for a screen reader to say.
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.id === 'area-heading' || `${el?.tagName.toLowerCase()}#${el?.id}.${el?.className}`;
      });
    let at = '';
    await eventually(async () => (at = await focused()) === true, `focus on the title of ${areaNames[k - 1]}`).catch((err) => {
      throw new Error(`${err.message}: it is on ${at}`);
    });
    await settled(page);
    await checkA11y(page, `${areaNames[k - 1]} (${when})`);
    const tabs = page.locator('main [role="tab"]');
    const n = await tabs.count();
    if (!n) continue;
    const selected = await page.locator('main [role="tab"][aria-selected="true"]').getAttribute('id');
    for (let i = 0; i < n; i++) {
      const tab = tabs.nth(i);
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      await page.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', await tab.elementHandle());
      await settled(page);
      await checkA11y(page, `${areaNames[k - 1]}, tab ${(await tab.textContent()).trim()} (${when})`);
    }
    if (selected) await page.click(`#${selected}`);
  }
}

/**
 * checkDialog opens a dialog with a click on opener, checks it with axe,
 * and closes it with Esc as a keyboard user would.
 */
export async function checkDialog(page, opener, id, where) {
  await page.locator(opener).first().click();
  const dialog = page.locator(`#${id}-dialog`);
  await dialog.waitFor();
  await checkA11y(page, where);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}
