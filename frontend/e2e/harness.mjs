// What the end-to-end tests share: the app's dev variant on a temporary data
// folder, Debian's Chromium, and small waiting helpers. The dev variant is
// the app built with Wails' `dev` tag (`make build-dev`): besides its window
// it serves the page on a localhost port with the real Go bindings over its
// IPC, which is what lets a browser drive it. It serves the frontend that
// `make build` bundled (frontend/dist), the same files the production
// window loads, so no dev server or second build is involved; each test
// file gets its own port.
//
// Needs: a display (run under xvfb-run: the app also opens its window),
// PEERPLAYPAY_BIN (the built app, for its CLI) and PEERPLAYPAY_DEV_BIN (the
// dev variant; build/bin/peerplaypay-dev by default).
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const repo = resolve(import.meta.dirname, '../..');
export const artifacts = join(repo, 'e2e', 'artifacts');
export const bin = process.env.PEERPLAYPAY_BIN ?? join(repo, 'build/bin/peerplaypay');
export const devBin = process.env.PEERPLAYPAY_DEV_BIN ?? join(repo, 'build/bin/peerplaypay-dev');
export const run = promisify(execFile);

/** newDataDir makes an empty data folder and the artifacts folder. */
export function newDataDir(prefix) {
  mkdirSync(artifacts, { recursive: true });
  return mkdtempSync(join(tmpdir(), prefix));
}

/** freePort asks the system for a localhost port nobody listens on. */
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * startDev starts the dev variant on dataDir with extra environment, waits
 * until it serves the page, and returns its URL and a function that stops
 * it (its own process group).
 */
export async function startDev(dataDir, env = {}) {
  for (const [file, how] of [
    [devBin, 'make build-dev'],
    [join(repo, 'frontend/dist/index.html'), 'make build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`${how}\` first, or \`make test\``);
  }
  const port = await freePort();
  const url = `http://localhost:${port}/`;
  let log = '';
  const app = spawn(devBin, [], {
    cwd: repo,
    env: {
      ...process.env,
      PEERPLAYPAY_HOME: dataDir,
      // What `wails dev` would give it: where to serve, and what.
      devserver: `localhost:${port}`,
      assetdir: join(repo, 'frontend/dist'),
      frontenddevserverurl: '',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout.on('data', (d) => (log += d));
  app.stderr.on('data', (d) => (log += d));
  const stop = async () => {
    if (app.exitCode !== null) return;
    const gone = new Promise((r) => app.once('exit', r));
    try {
      process.kill(-app.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    if (await Promise.race([gone.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))])) return;
    try {
      process.kill(-app.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };

  // The app is built already, so it serves within seconds; a minute allows
  // for a machine busy with other work.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the dev variant exited ${app.exitCode}:\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok && (await res.text()).includes('/wails/ipc.js')) return { url, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the dev variant did not serve ${url} in 60 s:\n${log}`);
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
 * checkTextAlternatives fails on what axe does not see: a chart drawn on a
 * canvas with no words for it, a meter without a name or a value in words,
 * and a status mark (pill, tag, count) that says nothing but its colour.
 * A canvas passes as an image with a name (role=img, aria-label), or hidden
 * inside a named figure that carries the figures as text (a caption, a
 * table, a summary).
 */
async function checkTextAlternatives(page, where) {
  const started = Date.now();
  const bad = await page.evaluate(() => {
    const name = (el) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const out = [];
    for (const c of document.querySelectorAll('canvas')) {
      if (c.getAttribute('role') === 'img' && (c.getAttribute('aria-label') ?? '').trim()) continue;
      const figure = c.closest('figure');
      const hidden = c.closest('[aria-hidden="true"]');
      const label = (figure?.getAttribute('aria-label') ?? '').trim() || text(figure?.querySelector('figcaption'));
      const words = figure ? text(figure.querySelector('figcaption, table, .chart-summary, ul, ol')) : '';
      if (!hidden || !label || !words) out.push(`${name(c)} in ${figure ? name(figure) : 'no figure'}: no text alternative`);
    }
    for (const m of document.querySelectorAll('[role="meter"], [role="progressbar"], meter, progress')) {
      const labelled =
        (m.getAttribute('aria-label') ?? '').trim() ||
        (m.getAttribute('aria-labelledby') ?? '')
          .split(' ')
          .map((id) => text(document.getElementById(id)))
          .join('')
          .trim() ||
        text(m.labels?.[0]);
      const valued =
        (m.getAttribute('aria-valuetext') ?? '').trim() ||
        m.getAttribute('aria-valuenow') !== null ||
        m.tagName === 'METER' ||
        m.tagName === 'PROGRESS';
      if (!labelled || !valued) out.push(`${name(m)}: ${labelled ? 'no value' : 'no name'}`);
    }
    for (const mark of document.querySelectorAll('span.status, .tag, nav .count')) {
      if (!text(mark) && !(mark.getAttribute('aria-label') ?? '').trim()) out.push(`${name(mark)}: a coloured mark without words`);
    }
    return out;
  });
  checksMs += Date.now() - started;
  if (bad.length) throw new Error(`text alternatives missing in ${where}:\n    ${bad.join('\n    ')}`);
}

/**
 * checkA11y runs axe on the page as it is now and fails on what keeps a
 * keyboard or screen reader user out (serious and critical impact), naming
 * the rule, the elements and where the fix is explained.
 */
export async function checkA11y(page, where) {
  const started = Date.now();
  await checkTextAlternatives(page, where);
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

// Time spent on the keyboard and text alternative checks, said at the end
// of each file: they must stay cheap beside axe and the flows.
let checksMs = 0;
process.on('exit', () => console.log(`keyboard and text alternative checks: ${checksMs} ms`));

/**
 * focusShown waits until focus is inside view (a selector: the new view,
 * its heading or first control) and checks that the focused element shows
 * a focus indicator: an outline or a box shadow of its own, or on the box
 * it draws its ring on (a tree item's node). It returns what has focus.
 */
export async function focusShown(page, view, where) {
  const started = Date.now();
  try {
    return await focusShownNow(page, view, where);
  } finally {
    checksMs += Date.now() - started;
  }
}

async function focusShownNow(page, view, where) {
  const probe = () =>
    page.evaluate((sel) => {
      const el = document.activeElement;
      const name = el
        ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`
        : 'nothing';
      const views = [...document.querySelectorAll(sel)];
      if (!el || el === document.body || !views.some((v) => v.contains(el))) return { inside: false, at: name };
      const ring = (e) => {
        if (!e) return false;
        const cs = getComputedStyle(e);
        return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow !== 'none' && cs.boxShadow !== '');
      };
      return { inside: true, at: name, ring: ring(el) || ring(el.firstElementChild) };
    }, view);
  let last;
  await eventually(async () => (last = await probe()).inside, `focus inside ${view} (${where})`, 5000).catch((err) => {
    throw new Error(`${err.message}: it is on ${last?.at}`);
  });
  // The ring may come with a style applied in the next frame.
  await eventually(async () => (last = await probe()).ring, `a visible focus indicator on ${last.at} (${where})`, 2000);
  return last.at;
}

/**
 * tabTo presses Tab (Shift+Tab with back) until focus is on target, as a
 * keyboard user reaches a control, and checks that its focus shows. It
 * fails naming where focus went when target is not reached in max presses.
 */
export async function tabTo(page, target, { back = false, max = 80 } = {}) {
  // A keyboard user waits for the view to show before tabbing into it.
  await page.locator(target).first().waitFor();
  const started = Date.now();
  const seen = [];
  for (let i = 0; i <= max; i++) {
    const at = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (el?.matches(sel)) return true;
      return el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` : 'nothing';
    }, target);
    if (at === true) {
      checksMs += Date.now() - started;
      await focusShown(page, target, `reached by ${back ? 'Shift+Tab' : 'Tab'}`);
      return;
    }
    seen.push(at);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} is not reached by ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses: focus went ${seen.join(' → ')}`);
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
    await focusShown(page, '#area-heading', `${areaNames[k - 1]} by its key`);
    await settled(page);
    await checkA11y(page, `${areaNames[k - 1]} (${when})`);
    const tabs = page.locator('main [role="tab"]');
    const n = await tabs.count();
    if (!n) continue;
    const selected = await page.locator('main [role="tab"][aria-selected="true"]').getAttribute('id');
    // The tabs by keyboard, as a keyboard user goes through them: Tab
    // reaches the selected one, Home the first, the arrows the next.
    await page.locator('main [role="tab"][aria-selected="true"]').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < n; i++) {
      const tab = tabs.nth(i);
      if (i > 0) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((el) => el.getAttribute('aria-selected') === 'true', await tab.elementHandle());
      await focusShown(page, `#${await tab.getAttribute('id')}`, `the tab ${(await tab.textContent()).trim()} by the arrows`);
      await settled(page);
      await checkA11y(page, `${areaNames[k - 1]}, tab ${(await tab.textContent()).trim()} (${when})`);
    }
    if (selected) {
      await page.locator(`#${selected}`).focus();
      await page.keyboard.press('Enter');
    }
  }
}

/**
 * checkDialog opens a dialog with Enter on opener, checks that focus is
 * in it and shown, checks it with axe, and closes it with Esc: focus is
 * back on the opener.
 */
export async function checkDialog(page, opener, id, where) {
  await page.locator(opener).first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator(`#${id}-dialog`);
  await dialog.waitFor();
  await focusShown(page, `#${id}-dialog`, where);
  await checkA11y(page, where);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Closed, focus goes back where it came from.
  await focusShown(page, opener, `${where}, closed`);
}
