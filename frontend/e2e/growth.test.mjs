// End to end through the app's dev server with the real Go side: Chromium
// goes through whole self-assessment sessions with the keyboard, sees the
// charts drawn from three of them (the canvases hold pixels), ticks a daily
// basic, and runs the reflection timer on a fake clock (Playwright's
// page.clock) across areas to its end. What the page saved is read back
// through the bindings the page uses.
//
// The dev server and its constraints are in harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  artifacts,
  bin,
  checkA11y,
  checkAreas,
  checkDialog,
  focusShown,
  launchBrowser,
  newDataDir,
  run,
  startDev,
  tabTo,
} from './harness.mjs';

let dataDir, dev, browser, page;

before(async () => {
  dataDir = newDataDir('peerplaypay-e2e-growth-');
  await run(bin, ['profile', 'set', '--data-dir', dataDir, '--name', 'Grace Hopper', '--role', 'Rear admiral']);
  dev = await startDev(dataDir, { PEERPLAYPAY_SYNTHETIC_DEVICES: '1' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(); // a context of its own, as axe needs
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

const text = async (p, sel) => ((await p.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();

async function openGrowth(p, tab) {
  // The shortcut works once the shell is up (after a reload, the splash first).
  await p.locator('#area-heading').waitFor();
  await p.keyboard.press('Control+4');
  await p.locator('#area-heading', { hasText: 'Growth' }).waitFor();
  // Tab reaches the selected tab; the arrows go to the one asked for.
  await tabTo(p, '[role="tablist"] [role="tab"][aria-selected="true"]');
  for (let i = 0; i < 10 && (await p.getAttribute(`#growth-tab-${tab}`, 'aria-selected')) !== 'true'; i++)
    await p.keyboard.press('ArrowRight');
  await focusShown(p, `#growth-tab-${tab}`, `the Growth tab ${tab}`);
}

/**
 * assessAll goes through every item with the keyboard alone: a level key,
 * Tab to the evidence, Ctrl+Enter to the next; levelOf(i) picks the level.
 * It returns how many items there were.
 */
let itemChecked = false;

async function assessAll(p, levelOf, { pauseAt = -1 } = {}) {
  let i = 0;
  for (;;) {
    const heading = await text(p, '#assess-item-heading');
    if (heading === 'Finish the assessment') return i;
    const progress = await text(p, '#assess-progress');
    const m = /^Item (\d+) of (\d+)/.exec(progress);
    assert.ok(m, `progress reads "${progress}"`);
    assert.equal(Number(m[1]), i + 1);
    if (i === 0 && !itemChecked) {
      await checkA11y(p, 'an assessment item');
      itemChecked = true;
    }
    if (i === pauseAt) {
      await p.keyboard.press('Alt+P');
      await p.locator('#assess-continue').waitFor();
      await focusShown(p, '#assess-heading', 'an assessment paused');
      assert.match(await text(p, '#assess-in-progress'), new RegExp(`${i} of ${m[2]} answered`));
      await checkA11y(p, 'an assessment paused');
      await checkDialog(p, '#assess-discard', 'assess-discard', 'the discard question of an assessment');
      // A reload is the harshest pause: the answers are in Go already.
      await p.reload();
      await openGrowth(p, 'assess');
      await tabTo(p, '#assess-continue');
      await p.keyboard.press('Enter');
      await p.locator('#assess-progress').waitFor();
      await focusShown(p, '#growth-panel', 'an assessment resumed');
      pauseAt = -1;
      continue;
    }
    await p.keyboard.press(String(levelOf(i)));
    if (i === 0) {
      await p.keyboard.press('Tab');
      await p.keyboard.type('Coached Ada through her first release');
    }
    await p.keyboard.press('Control+Enter');
    await p.waitForFunction((prev) => document.getElementById('assess-item-heading')?.textContent?.trim() !== prev, heading);
    if (i === 0) await focusShown(p, '#growth-panel', 'the next assessment item');
    i++;
  }
}

async function session(p, levelOf, opts) {
  await openGrowth(p, 'assess');
  const start = p.locator('#assess-start');
  await start.waitFor();
  await tabTo(p, '#assess-start');
  await p.keyboard.press('Enter');
  await focusShown(p, '#growth-panel', 'the first assessment item');
  const n = await assessAll(p, levelOf, opts);
  assert.equal(await p.isChecked('#assess-share'), false, 'sharing must be off by default');
  await p.keyboard.press('Enter'); // focus is on Finish
  await p.locator('#assess-done').waitFor();
  await focusShown(p, '#assess-heading', 'an assessment finished');
  return n;
}

test('a full self-assessment with the keyboard, paused and resumed', { timeout: 120_000 }, async () => {
  await page.goto(dev.url);
  await page.locator('#area-heading', { hasText: 'Today' }).waitFor();
  const n = await session(page, (i) => 1 + (i % 3), { pauseAt: 2 });
  assert.ok(n >= 5, `only ${n} items in the default framework`);

  const sessions = await page.evaluate(() => window.go.app.Assessment.Sessions());
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].answers.length, n);
  assert.equal(sessions[0].shared, false);
  const first = sessions[0].answers[0];
  assert.equal(first.level, 1);
  assert.equal(first.evidence, 'Coached Ada through her first release');
});

test('charts from three sessions: the radar and the line are drawn, and moves are put in words', { timeout: 180_000 }, async () => {
  await session(page, (i) => 2 + (i % 3));
  await session(page, (i) => (i === 0 ? 5 : 3));
  await openGrowth(page, 'charts');
  await page.locator('#charts-radar-table').waitFor({ state: 'attached' });
  assert.match(await text(page, '#charts-moved'), /Moved up: .+ 2 → 5/);

  // Every chart on the page has drawn something.
  await page.waitForTimeout(600); // past the 250 ms animation
  const painted = await page.evaluate(() =>
    [...document.querySelectorAll('canvas[data-chart]')].map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return { type: c.dataset.chart, painted: n, w: c.width, h: c.height };
    }),
  );
  assert.deepEqual(painted.map((c) => c.type).sort(), ['line', 'radar']);
  for (const c of painted) assert.ok(c.painted > 500, `${c.type} chart is blank: ${JSON.stringify(c)}`);
  const rows = await page.locator('#charts-line-table tbody tr').count();
  assert.equal(rows, 3);
  await page.screenshot({ path: join(artifacts, 'growth-charts.png'), fullPage: true });
});

test('a daily basic is added and ticked, and Today counts it', { timeout: 60_000 }, async () => {
  await openGrowth(page, 'basics');
  await page.locator('#basic-new').fill('Plan the day');
  await page.keyboard.press('Enter');
  const box = page.locator('#basics-list input[id^="basic-today-"]').first();
  await box.waitFor();
  await tabTo(page, '#basics-list input[id^="basic-today-"]', { back: true });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#basics-heat td.today')?.dataset.done === '1');
  assert.match(await text(page, '#basics-streak'), /1 of the last 7 days/);
  await page.screenshot({ path: join(artifacts, 'growth-basics.png'), fullPage: true });

  await page.keyboard.press('Control+1');
  await page.locator('#practice-basics-count', { hasText: '1 of 1' }).waitFor();
});

test('Growth, each of its tabs and its questions pass the accessibility checks with data', { timeout: 180_000 }, async () => {
  await checkAreas(page, [4, 1, 8], 'with growth data');
  await openGrowth(page, 'framework');
  await checkDialog(page, '#fw-reset', 'fw-reset', 'the reset question of the framework');
});

test('the reflection timer runs on while away, ends with a notification, and counts on Today', { timeout: 90_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const p = await context.newPage();
  await p.clock.install({ time: new Date() });
  await p.goto(dev.url);
  await p.locator('#area-heading', { hasText: 'Today' }).waitFor();
  // The practice panel comes after the recorder: it never pushes the
  // record button further down the page.
  const rec = await p.locator('#record-video').boundingBox();
  const practice = await p.locator('#practice').boundingBox();
  assert.ok(
    rec && practice && practice.y >= rec.y + rec.height,
    `the practice panel is above the recorder: ${JSON.stringify({ rec, practice })}`,
  );
  await p.evaluate(() => {
    window.__notified = [];
    const notify = window.go.app.DailyPractice.Notify;
    window.go.app.DailyPractice.Notify = (title, body) => (window.__notified.push(title), notify(title, body));
  });

  await openGrowth(p, 'reflect');
  await p.locator('#reflect-minutes').fill('10');
  await p.click('#reflect-start');
  await p.fill('#reflect-note', 'The retro worked because everyone wrote first');
  await p.clock.fastForward('04:00');
  await p.locator('#reflect-remaining', { hasText: '6:00' }).waitFor();

  await p.keyboard.press('Control+1');
  await p.locator('#reflection-indicator').waitFor();
  await p.clock.fastForward('03:00');
  await p.locator('#reflection-indicator', { hasText: '3:00' }).waitFor();
  await p.screenshot({ path: join(artifacts, 'growth-reflection-away.png') });

  await p.clock.fastForward('03:05');
  await p.waitForFunction(() => window.__notified.length === 1);
  // Until it is written down, the shell leads back to the journal.
  await p.locator('#reflection-indicator', { hasText: 'Reflection done' }).click();
  await p.locator('#reflect-phase', { hasText: 'Time is up' }).waitFor();
  assert.equal(await p.inputValue('#reflect-note'), 'The retro worked because everyone wrote first');
  await p.click('#reflect-save');
  await p.locator('#reflect-status', { hasText: '10 min reflected' }).waitFor();

  await p.keyboard.press('Control+1');
  await p.locator('#practice-reflection-minutes', { hasText: /^10 of/ }).waitFor();
  await context.close();
});
