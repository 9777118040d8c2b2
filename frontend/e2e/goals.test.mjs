// End to end through the app's dev server: Debian's Chromium sets goals in the
// Goals area against the real Go side and SQLite — a team goal, then a
// personal goal aligned to it while the SMART guide follows the typing — walks
// the alignment tree by keyboard, checks in twice and finds the progress chart
// drawn. What the page saved is read back with the CLI.
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
  eventually,
  focusShown,
  launchBrowser,
  newDataDir,
  run,
  startDev,
  tabTo,
} from './harness.mjs';

let dataDir, dev, browser, page;
let teamGoalId = 0,
  goalId = 0;

const teamTitle = 'Answer every support ticket within one working day';
const title = 'Cut the search API p95 latency';

/** A day some weeks ahead, as the date field takes it. */
function daysAhead(n) {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The SMART letters as the guide shows them: { S: true, M: false, ... }. */
function letters() {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('#goal-smart [data-letter]')].map((li) => [li.dataset.letter, li.dataset.met === 'true']),
    ),
  );
}

before(async () => {
  dataDir = newDataDir('peerplaypay-e2e-goals-');
  await run(bin, ['profile', 'set', '--data-dir', dataDir, '--name', 'Grace Hopper', '--role', 'Rear admiral']);
  dev = await startDev(dataDir);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(); // a context of its own, as axe needs
});

after(async () => {
  await browser?.close();
  await dev?.stop();
});

test('Goals: a team goal, then a personal goal with SMART hints while typing', { timeout: 90_000 }, async () => {
  await page.goto(dev.url);
  await page.locator('#member-name', { hasText: 'Grace Hopper' }).waitFor();
  await page.keyboard.press('Control+3');
  await page.locator('#area-heading', { hasText: 'Goals' }).waitFor();
  await page.locator('#goals-empty', { hasText: 'Add your first goal' }).waitFor();
  await checkA11y(page, 'Goals, empty');

  // N opens the form from anywhere in the area.
  await page.locator('#area-heading').focus();
  await page.keyboard.press('n');
  await page.locator('#goal-title:focus').waitFor();
  await page.keyboard.type(teamTitle);
  await page.selectOption('#goal-level', 'team');
  await page.keyboard.press('Control+Enter');
  await page.locator('#goal-heading', { hasText: teamTitle }).waitFor();
  // The form is gone; the new goal's view has focus on its heading.
  await focusShown(page, '#goal-heading', 'a goal saved from the form');
  teamGoalId = Number(await page.evaluate(async (t) => (await window.go.app.Goals.List()).find((g) => g.title === t)?.id, teamTitle));
  assert.ok(teamGoalId > 0, 'the team goal is not in Go’s list');

  await page.keyboard.press('n');
  await page.locator('#goal-title:focus').waitFor();
  assert.deepEqual(await letters(), { S: false, M: false, A: false, R: false, T: false });

  // Vague words alone are not specific; concrete ones are.
  await page.keyboard.type('Improve');
  assert.equal((await letters()).S, false);
  await page.locator('#goal-smart', { hasText: 'not only “improve”' }).waitFor();
  await page.fill('#goal-title', title);
  await page.waitForFunction(() => document.querySelector('#goal-smart [data-letter="S"]')?.dataset.met === 'true');

  await page.selectOption('#goal-measure-type', 'number');
  await page.fill('#goal-unit', 'p95 latency ms');
  await page.fill('#goal-start', '800');
  await page.fill('#goal-target', '200');
  await page.selectOption('#goal-confidence', '4');
  await page.selectOption('#goal-parent', { label: `Team: ${teamTitle}` });
  assert.deepEqual(await letters(), { S: true, M: true, A: true, R: true, T: false });
  await page.locator('#goal-smart', { hasText: 'Give it a due date' }).waitFor();
  await page.fill('#goal-due', daysAhead(30));
  await page.waitForFunction(() => document.querySelector('#goal-smart [data-letter="T"]')?.dataset.met === 'true');
  assert.equal(await page.locator('#goal-smart', { hasText: 'Give it a due date' }).count(), 0);
  await page.screenshot({ path: join(artifacts, 'goals-form-smart.png') });

  await tabTo(page, '#goal-save');
  await page.keyboard.press('Enter');
  await page.locator('#goal-heading', { hasText: title }).waitFor();
  await focusShown(page, '#goal-heading', 'a goal saved by its button');
  const created = await page.evaluate(async (t) => (await window.go.app.Goals.List()).find((g) => g.title === t), title);
  goalId = Number(created?.id);
  assert.ok(goalId > 0);
  // The date filled in at once reached Go.
  assert.equal(created.due, daysAhead(30));
  await page.locator('#goal-parent-link', { hasText: teamTitle }).waitFor();

  // Go's rules reach the form: a target equal to the start is refused with a sentence.
  await tabTo(page, '#goal-edit');
  await page.keyboard.press('Enter');
  await focusShown(page, '.goal-form', 'the goal form opened to edit');
  await page.fill('#goal-target', '800');
  await page.keyboard.press('Control+Enter');
  const err = page.locator('.goal-form .field-error, #goal-form-error');
  await err.first().waitFor();
  // Focus goes to what needs fixing, in the form.
  await focusShown(page, '.goal-form', 'the goal form, refused by Go');
  assert.match(await err.first().textContent(), /\w+/);
  await checkA11y(page, 'the goal form, with an error');
  await page.fill('#goal-target', '200');
  await page.keyboard.press('Control+Enter');
  await page.locator('#goal-heading', { hasText: title }).waitFor();
});

test('Goals: the alignment tree, by keyboard', { timeout: 60_000 }, async () => {
  await tabTo(page, '#goals-view-tree', { back: true });
  await page.keyboard.press('Enter');
  const items = page.locator('#goals-tree [role="treeitem"]');
  await items.nth(1).waitFor();
  assert.equal(await items.count(), 2);
  assert.equal(await items.nth(0).getAttribute('aria-level'), '1');
  assert.equal(await items.nth(1).getAttribute('aria-level'), '2');
  assert.match(await items.nth(0).textContent(), new RegExp(teamTitle));
  assert.match(await items.nth(1).textContent(), /Yours/);
  await checkA11y(page, 'the alignment tree');

  await tabTo(page, '#goals-tree [role="treeitem"]');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.goalId), String(teamGoalId));
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.goalId), String(goalId));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.goalId), String(teamGoalId));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.screenshot({ path: join(artifacts, 'goals-tree.png') });
  await page.keyboard.press('Enter');
  await page.locator('#goal-heading', { hasText: title }).waitFor();
  await focusShown(page, '#goal-heading', 'a goal opened from the tree');
});

test('Goals: check-ins draw the progress chart', { timeout: 60_000 }, async () => {
  // Asked for less motion, the chart is drawn at once, not animated in.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [value, note] of [
    ['650', 'Added the index'],
    ['500', 'Cached the facets'],
  ]) {
    await page.fill('#checkin-value', value);
    await page.fill('#checkin-note', note);
    await page.keyboard.press('Tab');
    await focusShown(page, '#checkin-save', 'Save check-in, next after the note');
    await page.keyboard.press('Enter');
    await page.locator('#goal-history', { hasText: note }).waitFor();
    // The history can show the check-in while the goal list still reloads;
    // the form takes the next one only once it has cleared itself.
    await page.locator('#checkin-save:not([aria-disabled])', { hasText: 'Save check-in' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#checkin-note')?.value === '');
  }
  await page.locator('#goal-chart-table tbody tr:nth-child(2)').waitFor({ state: 'attached' });
  assert.match(await page.textContent('#goal-measure'), /500/);

  // The chart is drawn: the canvas differs from a blank one of its size and
  // has a fair share of painted pixels.
  const paint = () =>
    page.evaluate(() => {
      const c = document.querySelector('canvas[data-chart="line"]');
      if (!c || !c.width || !c.height) return { ok: false, reason: 'no canvas' };
      const blank = document.createElement('canvas');
      blank.width = c.width;
      blank.height = c.height;
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return { ok: c.toDataURL() !== blank.toDataURL(), n, of: c.width * c.height, url: c.toDataURL() };
    });
  const painted = await eventually(async () => {
    const p = await paint();
    return p.ok && p.n > 500 && p;
  }, 'the chart drawn');
  // No animation: what was first drawn is what stays (an animated line
  // would still be growing 300 ms later).
  await page.waitForTimeout(300);
  assert.equal((await paint()).url, painted.url, 'the chart moved after it was drawn');
  // Nor does the page animate: the rule for reduced motion stops any.
  const motion = await page.evaluate(() => {
    const el = document.createElement('div');
    el.style.animation = 'pulse 2s infinite';
    el.style.transition = 'opacity 1s';
    document.body.append(el);
    const cs = getComputedStyle(el);
    const r = [cs.animationDuration, cs.animationIterationCount, cs.transitionDuration];
    el.remove();
    return r;
  });
  assert.deepEqual(motion, ['1e-05s', '1', '1e-05s'], 'animations under reduced motion');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await checkA11y(page, 'a goal with its check-ins and chart');
  await page.locator('canvas[data-chart="line"]').screenshot({ path: join(artifacts, 'goals-chart.png') });

  // Saved in SQLite: the CLI reads both check-ins.
  const { stdout } = await run(bin, ['goals', 'show', String(goalId), '--json', '--data-dir', dataDir]);
  const shown = JSON.parse(stdout);
  const count = Array.isArray(shown.checkins) ? shown.checkins.length : shown.goal?.checkins;
  assert.equal(count, 2);
});

test('Goals: Enter in a milestone adds the next one; Ctrl+Enter saves; selects keep the fields’ height', { timeout: 90_000 }, async () => {
  const stepsTitle = 'Publish the on-call handbook';
  // Esc leaves the goal, focus on its row in the list.
  await page.keyboard.press('Escape');
  await focusShown(page, `[data-goal-id="${goalId}"]`, 'back from a goal by Esc');
  await page.keyboard.press('n');
  await page.locator('#goal-title:focus').waitFor();
  await page.keyboard.type(stepsTitle);
  await page.selectOption('#goal-measure-type', 'milestones');
  await page.focus('#goal-milestone-0');
  await page.keyboard.type('Outline');
  await page.keyboard.press('Enter');
  await page.locator('#goal-milestone-1:focus').waitFor();
  await page.keyboard.type('Draft');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Review');
  // Enter created nothing: the form is still open and Go has no such goal.
  assert.equal(await page.locator('#goal-form-heading').count(), 1);
  const before = await page.evaluate(async (t) => (await window.go.app.Goals.List()).filter((g) => g.title === t).length, stepsTitle);
  assert.equal(before, 0);

  // A long parent keeps its select at the height of its neighbours, its text whole.
  await page.selectOption('#goal-parent', { label: `Team: ${teamTitle}` });
  const heights = await page.evaluate(() =>
    ['#goal-parent', '#goal-outcome', '#goal-confidence', '#goal-level'].map(
      (s) => document.querySelector(s).getBoundingClientRect().height,
    ),
  );
  assert.ok(
    heights.every((h) => Math.abs(h - heights[1]) < 1),
    `select heights ${heights}`,
  );
  await page.locator('.goal-form').screenshot({ path: join(artifacts, 'goals-form-milestones.png') });

  await page.focus('#goal-milestone-2');
  await page.keyboard.press('Control+Enter');
  await page.locator('#goal-heading', { hasText: stepsTitle }).waitFor();
  const saved = await page.evaluate(async (t) => (await window.go.app.Goals.List()).find((g) => g.title === t), stepsTitle);
  assert.deepEqual(
    saved.measure.milestones.map((m) => m.title),
    ['Outline', 'Draft', 'Review'],
  );
  assert.equal(
    saved.parentUid,
    (await page.evaluate(async (t) => (await window.go.app.Goals.List()).find((g) => g.title === t), teamTitle)).uid,
  );

  await checkDialog(page, '#goal-delete', 'goal-delete', 'the delete question of a goal');
  await tabTo(page, '#goal-back', { back: true, max: 60 });
  await page.keyboard.press('Enter');
  await checkAreas(page, [3, 8], 'with goals');
});
