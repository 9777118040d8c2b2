// End to end through the app's dev server: Debian's Chromium, as Ada, with
// Bob a second data folder driven by the CLI on a folder share. The badge
// on the Inbox counts what Bob did with Ada's stand-up, grows when a sync
// brings more, and goes once Ada has seen the Activity; Ada thanks Bob with
// the keyboard alone, focus held in the dialog, Esc cancelling. What the
// page did is read back by the CLI.
//
// The dev server and its constraints are in harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, bin, checkA11y, checkAreas, checkDialog, eventually, launchBrowser, newDataDir, run, startDev } from './harness.mjs';

let ada, bob, dev, browser, page;

const cli = async (dir, ...args) => (await run(bin, [...args, '--data-dir', dir])).stdout;
const json = async (dir, ...args) => JSON.parse(await cli(dir, ...args, '--json'));

before(async () => {
  ada = newDataDir('peerplaypay-e2e-answers-ada-');
  bob = newDataDir('peerplaypay-e2e-answers-bob-');
  const share = join(newDataDir('peerplaypay-e2e-answers-share-'), 'share');
  await cli(ada, 'profile', 'set', '--name', 'Ada');
  await cli(bob, 'profile', 'set', '--name', 'Bob');
  await cli(ada, 'team', 'create', share, '--name', 'Engines');
  const { invite } = await json(ada, 'team', 'invite');
  await cli(bob, 'team', 'join', share, '--invite', invite);
  const { safetyCode } = await json(bob, 'team', 'status');
  const [req] = await json(ada, 'team', 'requests');
  await cli(ada, 'team', 'approve', req.id, '--code', safetyCode);
  await cli(bob, 'sync');
  // Ada's stand-up, and what Bob does with it.
  await cli(ada, 'logs', 'add', '--done', 'Profiled the checkout', '--help-needed', 'someone who knows the CDN');
  await cli(bob, 'logs', 'add', '--done', 'Set up the CDN cache rules');
  await cli(ada, 'sync');
  await cli(bob, 'sync');
  const [adasLog] = await json(bob, 'peers', 'logs');
  await cli(bob, 'comment', 'add', String(adasLog.id), 'Which page was the slowest?');
  await cli(bob, 'thanks', 'give', 'Ada', 'for the profiling numbers');
  await cli(bob, 'sync');
  await cli(ada, 'sync');

  dev = await startDev(ada);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(); // a context of its own, as axe needs
  page.on('pageerror', (e) => console.log(`page error: ${e.stack}`));
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.log(`console ${m.type()}: ${m.text()}`));
  page.on('requestfailed', (r) => console.log(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && console.log(`response ${r.status()}: ${r.url()}`));
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

const badge = () => page.evaluate(() => document.getElementById('activity-badge')?.textContent?.replace(/\D+/g, '') ?? '');

/** tabTo presses Tab until the element with that id has focus, as a person would. */
async function tabTo(id, max = 60) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}.${el.className}` : '';
    });
    if (at.split('#')[1]?.split('.')[0] === id) return i;
    seen.push(at);
    await page.keyboard.press('Tab');
  }
  await page.screenshot({ path: join(artifacts, `failed-answers-${id}.png`) });
  throw new Error(`Tab never reached #${id}; it went through ${seen.slice(0, 20).join(' ')}`);
}

test('the Inbox badge counts new activity, grows with a sync, and goes once seen', { timeout: 120_000 }, async () => {
  await page.goto(dev.url);
  await page.locator('#member-name', { hasText: 'Ada' }).waitFor();
  await eventually(async () => (await badge()) === '2', 'a badge of 2 (a comment and a Thanks)');
  assert.match(await page.getAttribute('#activity-badge', 'title'), /2 new in Activity/);

  // Bob reacts; Ada's window syncs and the badge follows.
  const [adasLog] = await json(bob, 'peers', 'logs');
  await cli(bob, 'react', String(adasLog.id), 'clap');
  await cli(bob, 'sync');
  await page.evaluate(() => window.go.app.Team.Sync());
  await eventually(async () => (await badge()) === '3', 'a badge of 3 after the sync', 30_000);
  await page.screenshot({ path: join(artifacts, 'answers-activity-badge.png') });

  // Keyboard: Ctrl+6, then the Activity tab.
  await page.keyboard.press('Control+6');
  await page.locator('#area-heading', { hasText: 'Inbox' }).waitFor();
  // The area's code is loaded on first use.
  await page.locator('#inbox-tab-activity').waitFor({ timeout: 30_000 });
  await tabTo('inbox-tab-activity');
  await page.keyboard.press('Enter');
  await page.locator('#activity-list [data-activity-id]').first().waitFor();
  const rows = await page.locator('#activity-list li').allTextContents();
  assert.equal(rows.length, 3);
  assert.match(rows.join('\n'), /Bob reacted “Well done” to your stand-up/);
  assert.match(rows.join('\n'), /Bob thanked you “for the profiling numbers”/);
  assert.match(rows.join('\n'), /Bob commented on your stand-up “Which page was the slowest\?”/);
  assert.equal(await page.locator('#activity-list li.new').count(), 3, 'what was new stays marked while shown');
  await eventually(async () => (await badge()) === '', 'the badge gone once seen');
  await page.screenshot({ path: join(artifacts, 'answers-activity.png') });
  const stored = await json(ada, 'activity');
  assert.deepEqual(
    stored.map((a) => a.unread),
    [false, false, false],
    'Go still holds unread activity',
  );

  // A row leads to what it is about: Ada's own log, with Bob's answers.
  await page.click('#activity-list li:has-text("commented") button');
  await page.locator('#my-log-answers [data-comment-id]', { hasText: 'Which page was the slowest?' }).waitFor({ timeout: 30_000 });
  assert.match(await page.textContent('#log-reactions-who'), /Well done: Bob/);
  assert.equal(await page.locator('#my-log-answers [data-reaction]').count(), 0, 'reaction buttons on her own log');
  assert.equal(await page.locator('#log-thank').count(), 0, 'a Thanks button to herself');
  await page.locator('#my-log-answers').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'answers-my-log.png') });
});

test('a Thanks given with the keyboard alone, focus held in the dialog, Esc cancels', { timeout: 120_000 }, async () => {
  // Bob's stand-up in the Inbox: its row, then Thank Bob….
  await page.keyboard.press('Control+6');
  await page.locator('#area-heading', { hasText: 'Inbox' }).waitFor();
  await page.locator('#inbox-tab-standups').waitFor({ timeout: 60_000 });
  await tabTo('inbox-tab-standups');
  await page.keyboard.press('Enter');
  await page.locator('[data-peer-log-id]').first().waitFor();
  const row = await page.getAttribute('[data-peer-log-id]', 'data-peer-log-id');
  for (let i = 0; i < 60; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-peer-log-id'))) === row) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.locator('#peer-log-heading', { hasText: 'Bob' }).waitFor();
  await tabTo('log-thank');

  // Esc cancels: nothing given.
  await page.keyboard.press('Enter');
  await page.locator('#thanks-dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'thanks-reason');
  await page.keyboard.press('Escape');
  await page.locator('#thanks-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'log-thank', 'focus back on the button');
  assert.equal((await json(ada, 'thanks', 'list', '--given')).length, 0);

  await page.keyboard.press('Enter');
  await page.locator('#thanks-dialog').waitFor();
  assert.match(await page.textContent('#thanks-rule'), /At most 3 a day to the same person/);
  // Tab goes round the dialog's controls and never leaves it.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('#thanks-dialog')), `Tab ${i + 1} left the dialog`);
  }
  await page.keyboard.press('Shift+Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('#thanks-dialog')), 'Shift+Tab left the dialog');
  await tabTo('thanks-reason', 10);
  // Enter with nothing written: the sentence, nothing sent.
  await page.keyboard.press('Enter');
  await page.locator('#thanks-reason-error', { hasText: 'Say what you thank them for' }).waitFor();
  await checkA11y(page, 'the Thanks dialog, with its error');
  await page.keyboard.type('for the CDN cache rules');
  await page.screenshot({ path: join(artifacts, 'answers-thanks-keyboard.png') });
  await page.keyboard.press('Enter');
  await page.locator('#thanks-dialog').waitFor({ state: 'detached' });
  await page.locator('#log-answers [data-thanks-id]', { hasText: 'for the CDN cache rules' }).waitFor();

  const given = await json(ada, 'thanks', 'list', '--given');
  assert.equal(given.length, 1);
  assert.equal(given[0].reason, 'for the CDN cache rules');
  assert.equal(given[0].toName, 'Bob');
  assert.equal(given[0].link?.kind, 'log', 'the Thanks links the stand-up it was given from');
});

test('a Thanks from a peer’s card in Team, with no link', { timeout: 120_000 }, async () => {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+5');
  const card = page.locator('[data-thank-member]');
  await card.waitFor({ timeout: 60_000 });
  assert.equal(await card.count(), 1, 'a Thanks button on my own card');
  await card.click();
  await page.locator('#thanks-dialog').waitFor();
  await page.locator('#thanks-no-link').waitFor();
  await page.keyboard.type('for answering my questions all week');
  await page.screenshot({ path: join(artifacts, 'answers-thanks-from-card.png') });
  await page.keyboard.press('Enter');
  await page.locator('#thanks-dialog').waitFor({ state: 'detached' });
  const given = await json(ada, 'thanks', 'list', '--given');
  assert.equal(given.length, 2);
  const fromCard = given.find((t) => t.reason === 'for answering my questions all week');
  assert.ok(fromCard, 'the Thanks from the card is not stored');
  assert.equal(fromCard.link, null);
});

test('every area, its tabs and the team dialogs pass the accessibility checks with a team and its data', { timeout: 300_000 }, async () => {
  await page.keyboard.press('Escape');
  await checkAreas(page, [1, 2, 3, 4, 5, 6, 7, 8, 9], 'with data');
  await page.keyboard.press('Control+5');
  await page.locator('#area-heading', { hasText: 'Team' }).waitFor();
  await checkDialog(page, '#team-settings-open', 'team-settings', 'the Team settings dialog');
  await checkDialog(page, 'button.remove', 'remove-member', 'the remove-a-member question');
});
