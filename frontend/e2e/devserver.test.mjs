// End to end through the app's dev server (see harness.mjs): Debian's
// Chromium drives the onboarding and settings flows through the real Go
// bindings, and what the page saved is read back from SQLite by the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifacts,
  bin,
  checkA11y,
  checkAreas,
  eventually,
  focusShown,
  launchBrowser,
  newDataDir,
  run,
  startDev,
  tabTo,
} from './harness.mjs';

let dataDir, dev, browser, page;

async function profileInDB() {
  try {
    const { stdout } = await run(bin, ['profile', 'show', '--json', '--data-dir', dataDir]);
    return JSON.parse(stdout);
  } catch (err) {
    if (err.code === 1) return null; // no profile yet
    throw err;
  }
}

before(async () => {
  dataDir = newDataDir('peerplaypay-e2e-');
  dev = await startDev(dataDir);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1100, height: 720 } })).newPage(); // a context of its own, as axe needs
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

test('onboarding saves the profile through the Go bindings', async () => {
  await page.goto(dev.url);
  await page.locator('#name').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name', 'name field has focus');

  // Nothing typed: Tab to Start and Enter; the form says why, focus goes
  // back to the name, and nothing reaches the database.
  await tabTo(page, '#profile-submit');
  await page.keyboard.press('Enter');
  await page.locator('#name-error').waitFor();
  await focusShown(page, '#name', 'onboarding, the name missing');
  await checkA11y(page, 'onboarding, with its error');
  assert.match(await page.textContent('#name-error'), /name/i);
  // The hint under the field says why a name is needed; the error does not repeat it.
  const hint = (await page.textContent('#name-hint')).trim();
  assert.ok(!(await page.textContent('#name-error')).includes(hint), 'the error repeats the hint');
  assert.equal(await profileInDB(), null, 'an empty name was stored');

  await page.fill('#name', '  Grace Hopper ');
  await page.fill('#role', 'Rear admiral');
  await page.fill('#teamName', 'Compilers');
  await page.screenshot({ path: join(artifacts, 'devserver-onboarding.png') });
  await page.press('#teamName', 'Enter');

  await page.locator('#member-name').waitFor();
  // The form is gone: focus is on the first area's title, not lost on the page.
  await focusShown(page, '#area-heading', 'Today after onboarding');
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
    ),
  );
  assert.ok(rejection, 'Save of an 81-character name resolved');
  const parsed = JSON.parse(rejection);
  assert.equal(parsed.code, 'invalid');
  assert.equal(parsed.field, 'name');
  assert.match(parsed.message, /80/);
  assert.equal((await profileInDB()).name, 'Grace Hopper', 'the bad save changed the profile');
});

test('Ctrl+9 opens Settings, where the profile is edited', async () => {
  await page.keyboard.press('Control+9');
  await page.locator('#area-heading', { hasText: 'Settings' }).waitFor();
  assert.equal(await page.inputValue('#role'), 'Rear admiral', 'form prefilled from the database');
  assert.ok((await page.textContent('#app-data-dir')).includes(dataDir), 'Settings shows the data folder');
  // A version, not a bare commit hash.
  assert.match((await page.textContent('#app-version')).trim(), /^\d+\.\d+\.\d+/);

  await page.fill('#role', 'Computer scientist');
  await page.press('#role', 'Enter');
  await page.locator('.status-ok', { hasText: 'Saved.' }).waitFor();
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

test('every area and its tabs pass the accessibility checks before there is data', { timeout: 300_000 }, async () => {
  await checkAreas(page, [1, 2, 3, 4, 5, 6, 7, 8, 9], 'empty');
  // A click in the sidebar puts focus on the area's title, as its key does.
  await page.click('#sidebar [data-area="goals"]');
  await page.locator('#area-heading:focus', { hasText: 'Goals' }).waitFor();
});
