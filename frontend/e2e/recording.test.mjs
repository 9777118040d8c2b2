// End to end through the app's dev server: the dev variant runs with the
// synthetic devices (a 1280x720 test-pattern camera and a 440 Hz tone
// microphone, PEERPLAYPAY_SYNTHETIC_DEVICES=1) and Debian's Chromium records
// a stand-up on Today, finds it in Logs, plays it and edits its table. What
// the page saved is then read back from the data folder by the CLI.
//
// The dev server and its constraints are in harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, bin, checkA11y, eventually, focusShown, launchBrowser, newDataDir, run, startDev, tabTo } from './harness.mjs';

// A word nothing else in the table contains, to find the log by search.
const table = {
  done: 'Shipped the zeppelin importer for the billing team',
  how: 'Paired with Ada; wrote the parser test first',
  why: 'Billing can close the month without copying by hand',
  next: 'Review the export PR',
  help: 'Someone who knows the old CSV format',
};

let dataDir,
  dev,
  browser,
  page,
  logId = 0;

/** logInDB reads one log with the CLI, as a LogEntry. */
async function logInDB(id) {
  const { stdout } = await run(bin, ['logs', 'show', String(id), '--json', '--data-dir', dataDir]);
  return JSON.parse(stdout);
}

/** logThroughBindings reads one log the way the page does. */
function logThroughBindings(id) {
  return page.evaluate((id) => window.go.app.Logs.Get(id), id);
}

const seconds = (clock) => clock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);

before(async () => {
  dataDir = newDataDir('peerplaypay-e2e-rec-');
  // Onboarding has its own test (devserver.test.mjs): start with a profile.
  await run(bin, ['profile', 'set', '--data-dir', dataDir, '--name', 'Grace Hopper', '--role', 'Rear admiral']);
  dev = await startDev(dataDir, { PEERPLAYPAY_SYNTHETIC_DEVICES: '1' });
  // play() from the test, without a click on the video first.
  browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(); // a context of its own, as axe needs
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

test('Today records a video stand-up with its table', { timeout: 90_000 }, async () => {
  await page.goto(dev.url);
  await page.locator('#member-name', { hasText: 'Grace Hopper' }).waitFor();
  await page.locator('#area-heading', { hasText: 'Today' }).waitFor();
  await page.locator('#record-video').waitFor();
  // The synthetic devices are the chosen ones.
  await page.locator('text=Synthetic test pattern').first().waitFor();

  await page.fill('#log-done', table.done);
  await page.fill('#log-how', table.how);
  await page.fill('#log-why', table.why);
  await page.selectOption('#log-mood', '4');

  // Count every level the meter shows from the start.
  await page.evaluate(() => {
    window.__levels = [];
    new MutationObserver(() => {
      const meter = document.getElementById('record-level');
      if (meter) window.__levels.push(Number(meter.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });

  // By keyboard: the area's key, Tab to the record button, Enter; focus
  // follows to Stop, which takes the record button's place.
  await page.keyboard.press('Control+1');
  await focusShown(page, '#area-heading', 'Today by its key');
  await tabTo(page, '#record-video');
  await page.keyboard.press('Enter');
  await page.locator('#record-stop').waitFor();
  await focusShown(page, '#record-stop', 'recording started');
  assert.match(await page.textContent('#record-remaining'), /^\d+:\d\d left$/);

  // The live preview shows camera frames.
  await page.waitForFunction(
    () => {
      const img = document.getElementById('record-preview');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    },
    null,
    { timeout: 15_000 },
  );
  const frames = new Set();
  await eventually(
    async () => {
      frames.add(await page.getAttribute('#record-preview', 'src'));
      return frames.size >= 3;
    },
    'the preview to refresh',
    5000,
  );

  // The rest of the table is typed while talking.
  await page.fill('#log-next', table.next);
  await page.fill('#log-help', table.help);

  const first = seconds(await page.textContent('#record-elapsed'));
  await eventually(async () => seconds(await page.textContent('#record-elapsed')) > first, 'the elapsed time to advance');
  await page.screenshot({ path: join(artifacts, 'recording-in-progress.png') });
  await eventually(async () => seconds(await page.textContent('#record-elapsed')) >= 3, 'three seconds of recording', 15_000);

  // The level meter is named and says its level in words, not in colour alone.
  const meter = page.locator('#record-level');
  assert.equal(await meter.getAttribute('role'), 'meter');
  assert.equal((await page.textContent(`#${await meter.getAttribute('aria-labelledby')}`)).trim(), 'Microphone');
  assert.match(await meter.getAttribute('aria-valuetext'), /^\d+% of full level$/);

  const levels = await page.evaluate(() => window.__levels);
  assert.ok(
    levels.some((l) => l > 0),
    `the meter never moved: ${levels}`,
  );
  assert.ok(new Set(levels).size >= 2, `the meter stood still at ${levels[0]}`);
  const remaining = seconds((await page.textContent('#record-remaining')).replace(' left', ''));
  assert.ok(remaining > 0 && remaining < 300, `countdown ${remaining} s`);

  // Stopped by its shortcut, from the field being typed in.
  await page.keyboard.press('Control+Shift+R');
  await page.locator('#record-saved').waitFor({ timeout: 20_000 });
  assert.match(await page.textContent('#record-saved'), /Your video stand-up is saved/);
  assert.equal(await page.inputValue('#log-done'), '', 'the form was not cleared');
  assert.equal(await page.inputValue('#log-help'), '');
  await page.locator('#record-video').waitFor();
});

test('Logs finds the stand-up by a word of its table and plays it', { timeout: 90_000 }, async () => {
  await page.keyboard.press('Control+2');
  await page.locator('#area-heading', { hasText: 'Logs' }).waitFor();
  await focusShown(page, '#area-heading', 'Logs by its key');
  await tabTo(page, '#logs-search');
  await page.keyboard.type('zeppelin');
  await page.locator('#logs-count', { hasText: '1 log matches' }).waitFor();
  assert.equal(await page.locator('[data-log-id]').count(), 1);
  logId = Number(await page.getAttribute('[data-log-id]', 'data-log-id'));
  assert.ok(logId > 0);
  assert.match(await page.textContent(`[data-log-id="${logId}"]`), /Shipped the zeppelin importer/);

  // A word that is nowhere finds nothing.
  await page.fill('#logs-search', 'quasar');
  await page.locator('text=No logs match').waitFor();
  await page.fill('#logs-search', 'zeppelin');
  await page.locator(`[data-log-id="${logId}"]`).waitFor();

  await tabTo(page, `[data-log-id="${logId}"]`);
  await page.keyboard.press('Enter');
  const player = page.locator('video#log-player');
  await player.waitFor();
  // The log's view opens on its heading, where the player's keys work.
  await focusShown(page, '#log-heading', 'a log opened from the list');
  await checkA11y(page, 'Logs, a log with its player');
  // On Linux the page plays from the loopback server Go names, with this
  // run's token in the address; elsewhere from the asset server.
  const src = await player.getAttribute('src');
  if (process.platform === 'linux') assert.match(src, new RegExp(`^http://127\\.0\\.0\\.1:\\d+/[\\w-]{43}/logs/${logId}$`));
  else assert.equal(src, `/media/logs/${logId}`);
  assert.equal(await page.inputValue('#log-next'), table.next, 'text typed during recording was lost');
  assert.equal(await page.inputValue('#log-help'), table.help);

  await page.keyboard.press('k');
  await page.waitForFunction(
    () => {
      const v = document.getElementById('log-player');
      return v.currentTime > 1 && v.videoWidth === 1280;
    },
    null,
    { timeout: 20_000 },
  );
  assert.equal(await player.evaluate((v) => v.videoHeight), 720);

  await tabTo(page, '[data-speed="2"]');
  await page.keyboard.press('Enter');
  // The player sets the engine's rate once presses settle and it plays.
  await page.waitForFunction(() => document.getElementById('log-player').playbackRate === 2, null, { timeout: 5_000 });
  assert.equal(await page.getAttribute('[data-speed="2"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('[data-speed="1"]', 'aria-pressed'), 'false');
  await page.screenshot({ path: join(artifacts, 'recording-playback.png') });

  // Seeking needs Range requests from Go's media handler.
  const seeked = await player.evaluate(
    (v) =>
      new Promise((resolve, reject) => {
        v.pause();
        const timer = setTimeout(() => reject(new Error('no seeked event')), 10_000);
        v.addEventListener(
          'seeked',
          () => {
            clearTimeout(timer);
            resolve(v.currentTime);
          },
          { once: true },
        );
        v.currentTime = 0.5;
      }),
  );
  assert.ok(Math.abs(seeked - 0.5) < 0.3, `seeked to ${seeked}`);
  const range = await page.evaluate(async (id) => {
    const res = await fetch(`/media/logs/${id}`, { headers: { Range: 'bytes=0-99' } });
    return { status: res.status, type: res.headers.get('content-type'), length: (await res.arrayBuffer()).byteLength };
  }, logId);
  assert.deepEqual(range, { status: 206, type: 'video/webm', length: 100 });
});

test('the table is edited in place and saved', { timeout: 60_000 }, async () => {
  const how = 'Paired with Ada and Linus; wrote the parser test first';
  await page.fill('#log-how', how);
  await page.selectOption('#log-energy', '5');
  await tabTo(page, '#log-save');
  await page.keyboard.press('Enter');
  await page.locator('#log-saved', { hasText: 'Saved.' }).waitFor();

  const stored = await eventually(async () => {
    const e = await logInDB(logId);
    return e.how === how && e;
  }, 'the edited table in the data folder');
  assert.equal(stored.id, logId);
  assert.equal(stored.kind, 'video');
  assert.equal(stored.status, 'ready');
  assert.equal(stored.done, table.done);
  assert.equal(stored.why, table.why);
  assert.equal(stored.next, table.next);
  assert.equal(stored.helpNeeded, table.help);
  assert.equal(stored.mood, 4);
  assert.equal(stored.energy, 5);
  assert.ok(stored.durationMs >= 2500, `durationMs ${stored.durationMs}`);
  assert.ok(stored.sizeBytes > 0);
  assert.match(stored.sha256, /^[0-9a-f]{64}$/);

  // The page's bindings agree with the CLI.
  const viaPage = await logThroughBindings(logId);
  assert.equal(viaPage.how, how);
  assert.equal(viaPage.durationMs, stored.durationMs);

  // Escape goes back to the list, focus on the log's row.
  await page.keyboard.press('Escape');
  await page.locator('#logs-search').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-log-id')), String(logId));
});

test('leaving an edited log by another area keeps the text', { timeout: 60_000 }, async () => {
  await page.focus(`[data-log-id="${logId}"]`);
  await page.keyboard.press('Enter');
  await page.locator('#log-why').waitFor();
  await page.fill('#log-why', 'Typed, not saved, then left by a shortcut');
  await page.keyboard.press('Control+1');
  await page.locator('#area-heading', { hasText: 'Today' }).waitFor();
  await page.keyboard.press('Control+2');
  await page.locator('#log-why').waitFor();
  await eventually(async () => (await page.inputValue('#log-why')) === 'Typed, not saved, then left by a shortcut', 'the typed text back');
  await page.locator('#log-draft-restored').waitFor();
  // Discarding brings the saved text back.
  await tabTo(page, '#log-draft-discard', { back: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#log-why'), table.why);
});

test('the list tells logs apart by time, marks search matches, and the dates look empty', { timeout: 60_000 }, async () => {
  await page.keyboard.press('Escape');
  await page.locator('#logs-search').waitFor();
  assert.equal(await page.inputValue('#logs-from'), '');
  assert.equal(await page.getAttribute('#logs-from', 'placeholder'), 'any day');
  assert.match(await page.textContent(`[data-log-id="${logId}"]`), /\d\d:\d\d/);
  await page.fill('#logs-search', 'billing');
  const match = page.locator(`[data-log-id="${logId}"] [data-match-field]`);
  // The list shows the last search's marks until this one answers.
  await eventually(
    async () => (await match.count()) === 1 && (await match.locator('mark').first().textContent()) === 'billing',
    'the word marked',
  );
  assert.equal(await match.getAttribute('data-match-field'), 'done');
  await page.fill('#logs-search', '');
  // At 800x600, "To" stays beside "From" and the dates under the search.
  await page.setViewportSize({ width: 800, height: 600 });
  const [from, to, search] = await Promise.all(['#logs-from', '#logs-to', '#logs-search'].map((s) => page.locator(s).boundingBox()));
  assert.ok(Math.abs(from.y - to.y) < 2, `From at ${from.y}, To at ${to.y}`);
  assert.ok(from.y > search.y, 'the dates are not under the search');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the delete question opens in the window, and a kept recovered log loses its tag', { timeout: 90_000 }, async () => {
  // The delete question is a dialog in view, at the small window size too.
  await page.setViewportSize({ width: 800, height: 600 });
  await page.focus(`[data-log-id="${logId}"]`);
  await page.keyboard.press('Enter');
  await tabTo(page, '#log-delete');
  await page.keyboard.press('Enter');
  const dialog = page.locator('#log-delete-dialog');
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 600 && box.x >= 0 && box.x + box.width <= 800, `dialog at ${JSON.stringify(box)}`);
  await checkA11y(page, 'the delete question');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press('Escape');

  // A recording killed mid-way is repaired by the next command and offered back.
  const { spawn } = await import('node:child_process');
  const rec = spawn(bin, [
    'record',
    '--seconds',
    '30',
    '--audio-only',
    '--audio',
    'synthetic',
    '--done',
    'cut short',
    '--data-dir',
    dataDir,
  ]);
  await new Promise((resolve) => rec.stderr.on('data', (d) => String(d).includes('Recording') && resolve()));
  await new Promise((r) => setTimeout(r, 2500));
  rec.kill('SIGKILL');
  await run(bin, ['logs', 'list', '--data-dir', dataDir]);
  await page.goto(dev.url);
  const open = page.locator('[data-recovery-open]');
  await open.waitFor({ timeout: 20_000 });
  await open.click();
  await page.locator('#log-recovered').waitFor();
  await page.locator('[data-recovery-keep]').click();
  await page.locator('#log-recovered').waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Escape');
});

// The team share through the page: create a team on a folder, a peer (the
// CLI, in its own data folder) asks to join, the page approves it with the
// code the peer's screen shows, both sync, and each has the other's log.
test('the team: create, approve a peer with the safety code, sync with progress, play the peer’s log', { timeout: 120_000 }, async () => {
  const share = join(newDataDir('peerplaypay-e2e-share-'), 'share');
  const peer = newDataDir('peerplaypay-e2e-peer-');
  const cli = (...args) => run(bin, [...args, '--data-dir', peer]);
  await cli('profile', 'set', '--name', 'Linus');

  // Note any progress the page shows, however short.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.getElementById('team-progress');
      if (p) window.__progress.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press('Control+5');
  await page.locator('#area-heading', { hasText: 'Team' }).waitFor();
  // By keyboard: Tab to the choice, an arrow to "Start a team", Tab to the
  // folder, Enter; each step that follows takes focus on its heading.
  await tabTo(page, 'input[name="team-mode"]:checked');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('input[name="team-mode"][value="create"]'), true, 'the arrow did not choose "Start a team"');
  await tabTo(page, '#team-location');
  await page.keyboard.type(share);
  await page.keyboard.press('Enter');
  // A new team's founders are first asked for its cause; later.
  await page.locator('#founding-skip').waitFor();
  await focusShown(page, '#team-founding', 'founding a team');
  await tabTo(page, '#founding-skip');
  await page.keyboard.press('Enter');
  await page.locator('#team-sync-now').waitFor();
  await focusShown(page, 'main', 'the team after founding');

  // The invitation, as the page's member would send it to the peer.
  const invitation = JSON.parse((await run(bin, ['team', 'invite', '--json', '--data-dir', dataDir])).stdout);
  await cli('team', 'join', share, '--invite', invitation.invite);
  const { stdout } = await cli('team', 'status', '--json');
  const code = JSON.parse(stdout).safetyCode;
  assert.match(code, /^\d{4} \d{4}$/);

  await tabTo(page, '#team-sync-now');
  await page.keyboard.press('Enter');
  const request = page.locator('[data-request-id]');
  await request.waitFor({ timeout: 20_000 });
  // The code typed into the request's field, Enter approves.
  await tabTo(page, '[data-request-id] input');
  await page.keyboard.type('0000 0000');
  await page.keyboard.press('Enter');
  await request.locator('[role="alert"]', { hasText: 'does not match' }).waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await request.waitFor({ state: 'detached', timeout: 20_000 });
  await focusShown(page, '#members-heading', 'a request approved');

  await cli('sync');
  await cli('record', '--seconds', '3', '--audio-only', '--audio', 'synthetic', '--done', 'Linus reviewed the importer');
  await cli('sync');
  await tabTo(page, '#team-sync-now', { back: true });
  await page.keyboard.press('Enter');
  // The peer's stand-up is counted in Team and listed in the Inbox.
  await page.locator('#team-inbox', { hasText: '1 not watched yet' }).waitFor({ timeout: 30_000 });
  const seen = await page.evaluate(() => window.__progress);
  assert.ok(
    seen.some((t) => /of \d+ files/.test(t)),
    `no progress was shown: ${JSON.stringify(seen)}`,
  );
  await page.locator('#team-sync-now', { hasText: 'Sync now' }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(artifacts, 'devserver-team.png'), fullPage: true });
  await checkA11y(page, 'Team, with a peer who synced');

  await tabTo(page, '#team-open-inbox');
  await page.keyboard.press('Enter');
  await focusShown(page, '#area-heading', 'the Inbox from Team');
  const row = page.locator('[data-peer-log-id]', { hasText: 'Linus reviewed the importer' });
  await row.waitFor({ timeout: 30_000 });
  await tabTo(page, '[data-peer-log-id]');
  await page.keyboard.press('Enter');
  const player = page.locator('audio#log-player');
  await player.waitFor();
  await focusShown(page, '#peer-log-heading', 'a peer’s log opened from the Inbox');
  await page.keyboard.press('k');
  await page.waitForFunction(() => document.getElementById('log-player').currentTime > 0.5, null, { timeout: 15_000 });
  await checkA11y(page, 'Inbox, a peer’s log playing');
  await page.screenshot({ path: join(artifacts, 'devserver-inbox.png'), fullPage: true });

  // The page's own stand-up reached the peer, recording and all.
  await cli('sync');
  const peers = JSON.parse((await cli('peers', 'logs', '--json')).stdout);
  const mine = peers.find((l) => l.table.done === table.done);
  assert.ok(mine, `the peer lacks the page's log: ${JSON.stringify(peers)}`);
  assert.equal(mine.authorName, 'Grace Hopper');
  assert.ok(mine.mediaPath.endsWith('.webm'), 'the recording was not downloaded');
});
