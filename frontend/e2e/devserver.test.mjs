// End to end through the app's dev server: `wails dev` builds the Go app and
// serves the frontend on localhost:34115 with the real Go bindings over its
// IPC, and Debian's Chromium drives the onboarding and settings flows. What
// the page saved is then read back from the SQLite file by the CLI.
//
// Needs: a display (run under xvfb-run: wails dev also opens the window),
// PEERPLAYPAY_BIN (the built app, for its CLI) and WAILS (the Wails CLI).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
const artifacts = join(repo, 'e2e', 'artifacts');
const devURL = 'http://localhost:34115/';
const bin = process.env.PEERPLAYPAY_BIN ?? join(repo, 'build/bin/peerplaypay');
const wails = process.env.WAILS ?? join(repo, '.tools/wails');
const run = promisify(execFile);

let dataDir, dev, devLog = '', browser, page;

async function waitForServer(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wails dev exited ${dev.exitCode}:\n${devLog}`);
    try {
      const res = await fetch(devURL);
      if (res.ok && (await res.text()).includes('/wails/ipc.js')) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wails dev did not serve ${devURL} in ${timeoutMs / 1000} s:\n${devLog}`);
}

async function profileInDB() {
  try {
    const { stdout } = await run(bin, ['profile', 'show', '--json', '--data-dir', dataDir]);
    return JSON.parse(stdout);
  } catch (err) {
    if (err.code === 1) return null; // no profile yet
    throw err;
  }
}

async function eventually(fn, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'peerplaypay-e2e-'));
  dev = spawn(wails, ['dev', '-tags', 'webkit2_41', '-m', '-nosyncgomod', '-noreload', '-nocolour'], {
    cwd: repo,
    env: { ...process.env, PEERPLAYPAY_HOME: dataDir },
    detached: true, // its own process group, so vite and the app stop with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout.on('data', (d) => (devLog += d));
  dev.stderr.on('data', (d) => (devLog += d));
  await waitForServer(5 * 60 * 1000);

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
}, { timeout: 6 * 60 * 1000 });

after(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    try { process.kill(-dev.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 1500));
    try { process.kill(-dev.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

test('onboarding saves the profile through the Go bindings', async () => {
  await page.goto(devURL);
  await page.locator('#name').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name', 'name field has focus');

  // Nothing typed: the form says why, and nothing reaches the database.
  await page.click('#profile-submit');
  await page.locator('#name-error').waitFor();
  assert.match(await page.textContent('#name-error'), /name/i);
  assert.equal(await profileInDB(), null, 'an empty name was stored');

  await page.fill('#name', '  Grace Hopper ');
  await page.fill('#role', 'Rear admiral');
  await page.fill('#teamName', 'Compilers');
  await page.screenshot({ path: join(artifacts, 'devserver-onboarding.png') });
  await page.press('#teamName', 'Enter');

  await page.locator('#member-name').waitFor();
  assert.equal((await page.textContent('#member-name')).trim(), 'Grace Hopper');
  const stored = await eventually(profileInDB, 'the profile in SQLite');
  assert.equal(stored.name, 'Grace Hopper', 'stored trimmed');
  assert.equal(stored.role, 'Rear admiral');
  assert.equal(stored.teamName, 'Compilers');
  assert.equal(stored.memberId.length, 32);
});

test('the Go side rejects bad input with a code and field', async () => {
  // Straight through the binding, past the form's own checks.
  const rejection = await page.evaluate(() =>
    window.go.app.Profiles.Save({ name: 'x'.repeat(81), role: '', teamName: '' }).then(
      () => null,
      (err) => String(err?.message ?? err),
    ));
  assert.ok(rejection, 'Save of an 81-character name resolved');
  const parsed = JSON.parse(rejection);
  assert.equal(parsed.code, 'invalid');
  assert.equal(parsed.field, 'name');
  assert.match(parsed.message, /80/);
  assert.equal((await profileInDB()).name, 'Grace Hopper', 'the bad save changed the profile');
});

test('Ctrl+6 opens Settings, where the profile is edited', async () => {
  await page.keyboard.press('Control+6');
  await page.locator('#area-heading', { hasText: 'Settings' }).waitFor();
  assert.equal(await page.inputValue('#role'), 'Rear admiral', 'form prefilled from the database');
  assert.ok((await page.textContent('#app-data-dir')).includes(dataDir), 'Settings shows the data folder');

  await page.fill('#role', 'Computer scientist');
  await page.click('#profile-submit');
  await page.locator('.saved', { hasText: 'Saved.' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'devserver-settings.png') });
  const stored = await eventually(async () => {
    const p = await profileInDB();
    return p?.role === 'Computer scientist' && p;
  }, 'the edited role in SQLite');
  assert.equal(stored.name, 'Grace Hopper');

  await page.keyboard.press('Control+1');
  await page.locator('#area-heading', { hasText: 'Today' }).waitFor();
  assert.match(await page.textContent('#member-role'), /Computer scientist/);
});
