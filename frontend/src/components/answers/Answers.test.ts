import { render, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { BOB, CYD, commentOf, installGo, peerLogOf, thanksOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import NotifySettings from '../settings/NotifySettings.svelte';
import AnswersHost from './AnswersHost.test.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const soon = <T extends HTMLElement = HTMLElement>(id: string) =>
  waitFor(() => {
    const el = byId<T>(id);
    if (!el) throw new Error(`no #${id} yet`);
    return el;
  });
const q = (sel: string) =>
  waitFor(() => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) throw new Error(`no ${sel} yet`);
    return el;
  });
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ') ?? '';
const LOG_UID = '1'.padStart(32, '0');

function setup() {
  const stores = createStores({ media: fakeMediaApi() });
  stores.nav.go('inbox');
  const user = userEvent.setup();
  render(AnswersHost, { stores });
  return { stores, user };
}

/** Opens Bob's log 1 in the Inbox, its recording 40 s long and at `atS`. */
async function openBobsLog(user: ReturnType<typeof userEvent.setup>, stores: ReturnType<typeof createStores>, atS = 12.3) {
  go.inbox.logs.push(peerLogOf(1, { table: { done: 'Fixed the parser', helpNeeded: 'a review of the importer' } }));
  await stores.inbox.load();
  await user.click(await q('[data-peer-log-id="1"]'));
  const video = (await soon('log-player')) as HTMLVideoElement;
  let t = atS;
  Object.defineProperty(video, 'duration', { configurable: true, get: () => 40 });
  Object.defineProperty(video, 'currentTime', { configurable: true, get: () => t, set: (v: number) => (t = v) });
  video.dispatchEvent(new Event('loadedmetadata'));
  video.dispatchEvent(new Event('timeupdate'));
  return { video, now: () => t };
}

describe('answers on a peer’s log', () => {
  it('says what to do without comments, pins one to the moment playing, marks the timeline, and its time seeks the player', async () => {
    const { user, stores } = setup();
    const { now } = await openBobsLog(user, stores);
    expect(text(await soon('log-comments-empty'))).toMatch(/Pin yours to a moment/);

    // Empty: a sentence, nothing sent.
    await user.click(byId('comment-submit')!);
    expect(text(byId('comment-error'))).toMatch(/Write your comment first/);
    expect(go.answers.AddComment).not.toHaveBeenCalled();

    await user.type(byId('comment-text')!, 'Which profiler?');
    const pin = byId<HTMLInputElement>('comment-pin')!;
    expect(text(pin.parentElement)).toMatch(/at 0:12/);
    await user.click(pin);
    await user.click(byId('comment-submit')!);
    await waitFor(() =>
      expect(go.answers.AddComment).toHaveBeenCalledWith({
        log: { author: BOB, uid: LOG_UID },
        text: 'Which profiler?',
        atMs: 12300,
        replyTo: 0,
      }),
    );
    const at = await q('[data-seek-ms="12300"]');
    expect(text(at)).toBe('at 0:12');
    expect(document.querySelector('#player-timeline [data-mark-ms="12300"]')?.getAttribute('aria-label')).toMatch(
      /0:12: You: Which profiler\?/,
    );

    // Elsewhere in the recording, the comment's time brings it back.
    (byId('log-player') as HTMLVideoElement).currentTime = 30;
    await user.click(at);
    expect(now()).toBeCloseTo(12.3);
    (byId('log-player') as HTMLVideoElement).currentTime = 2;
    await user.click(document.querySelector<HTMLElement>('[data-mark-ms="12300"]')!);
    expect(now()).toBeCloseTo(12.3);
  });

  it('lets only the author edit and delete, and replies one level deep', async () => {
    go.answers.state.logs.set(LOG_UID, {
      comments: [commentOf(1, { text: 'Nice fix' }), commentOf(2, { author: 'x', authorName: 'Ada', mine: true, text: 'Mine' })],
      reactions: [],
      offers: [],
      thanks: [],
    });
    const { user, stores } = setup();
    await openBobsLog(user, stores);
    const bobs = await q('[data-comment-id="1"]');
    const mine = await q('[data-comment-id="2"]');
    expect(within(bobs).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(bobs).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(bobs).getByRole('button', { name: 'Thanks…' })).toBeTruthy();
    expect(within(mine).queryByRole('button', { name: 'Thanks…' })).toBeNull();

    await user.click(within(mine).getByRole('button', { name: 'Edit' }));
    const edit = await soon<HTMLTextAreaElement>('comment-edit-2');
    await user.clear(edit);
    await user.type(edit, 'Mine, edited{Control>}{Enter}{/Control}');
    await waitFor(() => expect(go.answers.EditComment).toHaveBeenCalledWith(2, 'Mine, edited'));
    await waitFor(() => expect(text(document.querySelector('[data-comment-id="2"]'))).toMatch(/Mine, edited.*edited|edited.*Mine, edited/));

    await user.click(within(bobs).getByRole('button', { name: 'Reply' }));
    await user.type(await soon('reply-1'), 'Thanks!');
    await user.click(within(document.getElementById('reply-form-1')!).getByRole('button', { name: 'Reply' }));
    await waitFor(() =>
      expect(go.answers.AddComment).toHaveBeenCalledWith(expect.objectContaining({ replyTo: 1, text: 'Thanks!', atMs: null })),
    );
    const reply = await q('[data-comment-id="1"] ~ .replies [data-comment-id]');
    // A reply has no Reply of its own: one level.
    expect(within(reply).queryByRole('button', { name: 'Reply' })).toBeNull();

    await user.click(within(document.querySelector<HTMLElement>('[data-comment-id="2"]')!).getByRole('button', { name: 'Delete' }));
    await user.click(await q('[data-comment-delete-confirm="2"]'));
    await waitFor(() => expect(go.answers.DeleteComment).toHaveBeenCalledWith(2));
    await waitFor(() => expect(document.querySelector('[data-comment-id="2"]')).toBeNull());
  });

  it('toggles a reaction and shows who reacted, by name', async () => {
    go.answers.state.logs.set(LOG_UID, {
      comments: [],
      reactions: [{ reaction: 'clap', members: [CYD], names: ['Cyd'], mine: false }],
      offers: [],
      thanks: [],
    });
    const { user, stores } = setup();
    await openBobsLog(user, stores);
    expect(text(await soon('log-reactions-who'))).toMatch(/Well done: Cyd/);
    const clap = await q('[data-reaction="clap"]');
    expect(clap.getAttribute('aria-pressed')).toBe('false');
    await user.click(clap);
    await waitFor(() => expect(clap.getAttribute('aria-pressed')).toBe('true'));
    expect(go.answers.React).toHaveBeenCalledWith({ author: BOB, uid: LOG_UID }, 'clap', true);
    expect(text(byId('log-reactions-who'))).toMatch(/Well done: Cyd, Ada/);
    await user.click(clap);
    await waitFor(() => expect(clap.getAttribute('aria-pressed')).toBe('false'));
    expect(go.answers.React).toHaveBeenLastCalledWith({ author: BOB, uid: LOG_UID }, 'clap', false);
    // No number beside a reaction: names only.
    expect(text(clap)).not.toMatch(/\d/);
  });

  it('offers help on a log that asks for it', async () => {
    const { user, stores } = setup();
    await openBobsLog(user, stores);
    expect(text(await soon('log-help'))).toMatch(/Bob asked for help.*a review of the importer/);
    await user.click(byId('log-offer-submit')!);
    expect(text(byId('log-help'))).toMatch(/say it in a few words/);
    await user.type(byId('log-offer-text')!, 'I wrote the importer');
    await user.click(byId('log-offer-submit')!);
    await waitFor(() => expect(go.answers.OfferHelp).toHaveBeenCalledWith({ author: BOB, uid: LOG_UID }, 'I wrote the importer'));
    expect(text(await q('[data-log-offer-id]'))).toMatch(/You can help: I wrote the importer/);
  });
});

describe('the Thanks dialog', () => {
  it('states the rule, needs a reason, gives it linked to the log, and shows the server’s refusal of a 4th in a day', async () => {
    const { user, stores } = setup();
    await openBobsLog(user, stores);
    await user.click(await soon('log-thank'));
    const dialog = await soon('thanks-dialog');
    expect(text(dialog)).toMatch(/Thank Bob/);
    expect(text(byId('thanks-rule'))).toMatch(/At most 3 a day to the same person.*10 minutes.*No Thanks to yourself/);
    expect(document.activeElement?.id).toBe('thanks-reason');
    expect(byId<HTMLInputElement>('thanks-link')!.checked).toBe(true);

    // Enter with nothing written: the field says why, nothing is sent.
    await user.keyboard('{Enter}');
    expect(text(byId('thanks-reason-error'))).toMatch(/Say what you thank them for/);
    expect(go.answers.GiveThanks).not.toHaveBeenCalled();

    await user.type(byId('thanks-reason')!, 'for the parser fix{Enter}');
    await waitFor(() =>
      expect(go.answers.GiveThanks).toHaveBeenCalledWith({
        to: BOB,
        reason: 'for the parser fix',
        link: { kind: 'log', id: 0, log: { author: BOB, uid: LOG_UID } },
      }),
    );
    await waitFor(() => expect(byId('thanks-dialog')).toBeNull());
    const mine = await q('#log-answers [data-thanks-id]');
    expect(text(mine)).toMatch(/You thanked Bob.*for the parser fix/);
    expect(text(mine)).toMatch(/change or withdraw it until/);

    for (const reason of ['for the review', 'for the pairing']) {
      await user.click(byId('log-thank')!);
      await user.type(await soon('thanks-reason'), `${reason}{Enter}`);
      await waitFor(() => expect(byId('thanks-dialog')).toBeNull());
    }
    await user.click(byId('log-thank')!);
    await user.type(await soon('thanks-reason'), 'for everything{Enter}');
    expect(text(await soon('thanks-refused'))).toMatch(/already thanked Bob 3 times today/);
    // Still open, with what was typed, to change or cancel.
    expect(byId<HTMLInputElement>('thanks-reason')!.value).toBe('for everything');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(byId('thanks-dialog')).toBeNull());
    expect(go.answers.state.thanks).toHaveLength(3);
  });

  it('changes and withdraws a Thanks of mine while it is editable', async () => {
    go.answers.state.thanks = [
      thanksOf(7, { mine: true, toMe: false, from: 'x', fromName: 'Ada', to: BOB, toName: 'Bob', editable: true, reason: 'for the notes' }),
    ];
    const { user, stores } = setup();
    stores.answers.tab = 'thanks';
    await user.click(await soon('thanks-view-given'));
    const item = await q('[data-thanks-id="7"]');
    await user.click(within(item).getByRole('button', { name: 'Change' }));
    const reason = await soon<HTMLInputElement>('thanks-reason');
    expect(reason.value).toBe('for the notes');
    await user.clear(reason);
    await user.type(reason, 'for the meeting notes{Enter}');
    await waitFor(() =>
      expect(go.answers.EditThanks).toHaveBeenCalledWith(7, expect.objectContaining({ reason: 'for the meeting notes' })),
    );
    await waitFor(() => expect(text(document.querySelector('[data-thanks-id="7"]'))).toMatch(/for the meeting notes/));
    await user.click(within(document.querySelector<HTMLElement>('[data-thanks-id="7"]')!).getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(go.answers.WithdrawThanks).toHaveBeenCalledWith(7));
    expect(text(await soon('thanks-empty'))).toMatch(/not thanked anyone yet/);
  });
});

describe('the Thanks feed, Activity and Help wanted', () => {
  it('lists the team’s Thanks newest first with reasons, opens what helped, and shows no counts', async () => {
    go.answers.state.thanks = [
      thanksOf(2, {
        from: CYD,
        fromName: 'Cyd',
        to: BOB,
        toName: 'Bob',
        toMe: false,
        reason: 'for the deploy',
        link: { kind: 'log', author: BOB, uid: LOG_UID },
        linkText: '2026-11-23: Fixed the parser',
      }),
      thanksOf(1, { reason: 'for the review' }),
    ];
    go.answers.state.places.set(`log:${LOG_UID}`, { kind: 'peerLog', logId: 1, goalId: 0, commentId: 0, atMs: null });
    go.inbox.logs.push(peerLogOf(1));
    const { user, stores } = setup();
    await user.click(await soon('inbox-tab-thanks'));
    const items = await waitFor(() => {
      const all = [...document.querySelectorAll('#thanks-list [data-thanks-id]')];
      if (all.length !== 2) throw new Error('not listed yet');
      return all;
    });
    expect(text(items[0])).toMatch(/Cyd thanked Bob.*for the deploy.*stand-up: 2026-11-23: Fixed the parser/);
    expect(text(items[1])).toMatch(/Bob thanked you.*for the review/);
    expect(text(byId('thanks-feed'))).toMatch(/Nobody is ranked or counted here/);
    // No number of Thanks anywhere beside a name.
    expect(text(byId('thanks-feed'))).not.toMatch(/\b\d+ (Thanks|thanks)\b/);

    await user.click(await soon('thanks-view-received'));
    await waitFor(() => expect(document.querySelectorAll('#thanks-list [data-thanks-id]')).toHaveLength(1));
    await user.click(byId('thanks-view-team')!);
    await user.click(await q('[data-thanks-link="2"]'));
    await waitFor(() => expect(stores.inbox.openId).toBe(1));
    expect(go.answers.Place).toHaveBeenCalledWith('log', BOB, LOG_UID);
  });

  it('marks the activity read when seen, keeping it marked new while shown', async () => {
    go.answers.state.activity = [
      {
        id: 2,
        kind: 'thanks',
        actor: BOB,
        actorName: 'Bob',
        log: { author: '', uid: '' },
        goalUid: '',
        refUid: 't1',
        text: 'for the review',
        at: '2026-11-23T10:00:00Z',
        unread: true,
      },
      {
        id: 1,
        kind: 'comment',
        actor: CYD,
        actorName: 'Cyd',
        log: { author: 'me', uid: 'u1' },
        goalUid: '',
        refUid: 'c1',
        text: 'Nice',
        at: '2026-11-23T09:00:00Z',
        unread: false,
      },
    ];
    const { user, stores } = setup();
    await stores.answers.loadUnread();
    expect(stores.answers.unread).toBe(1);
    expect(text(await soon('inbox-tab-activity-count'))).toMatch(/1\s*new/);
    await user.click(byId('inbox-tab-activity')!);
    const fresh = await q('[data-activity-id="2"]');
    expect(text(fresh)).toMatch(/New: Bob thanked you “for the review”/);
    await waitFor(() => expect(go.answers.MarkActivityRead).toHaveBeenCalledWith([2]));
    await waitFor(() => expect(stores.answers.unread).toBe(0));
    expect(fresh.classList.contains('new')).toBe(true);
    expect(text(document.querySelector('[data-activity-id="1"]'))).toMatch(/Cyd commented on your stand-up/);
    expect(byId('inbox-tab-activity-count')).toBeNull();
  });

  it('says what to do when there is no activity and no Thanks', async () => {
    const { user } = setup();
    await user.click(await soon('inbox-tab-activity'));
    expect(text(await soon('activity-empty'))).toMatch(/When someone comments on, reacts to or offers help/);
    await user.click(byId('inbox-tab-thanks')!);
    expect(text(await soon('thanks-empty'))).toMatch(/Thank a peer from their stand-up/);
    await user.click(byId('inbox-tab-help')!);
    expect(text(await soon('help-empty'))).toMatch(/Nobody asked for help/);
  });

  it('joins stand-ups’ help requests with goals’ and offers help inline', async () => {
    go.answers.state.helpLogs = [
      {
        kind: 'log',
        author: BOB,
        authorName: 'Bob',
        mine: false,
        need: 'a CDN person',
        day: '2026-11-23',
        log: { author: BOB, uid: LOG_UID },
        logId: 0,
        peerLogId: 1,
        done: 'profiled checkout',
        goal: null,
        offers: [],
      },
    ];
    go.goals.state.goals = [
      {
        ...(await import('../../test/fakeGo')).goalOf(2, {
          title: 'Hire a designer',
          mine: false,
          ownerName: 'Cyd',
          owner: CYD,
          needHelp: 'Someone to interview',
        }),
      },
    ];
    const { user } = setup();
    await user.click(await soon('inbox-tab-help'));
    const log = await q(`[data-help-log="${LOG_UID}"]`);
    const goal = await q('[data-help-goal="2"]');
    expect(text(log)).toMatch(/Stand-up.*Bob’s stand-up.*Needs: a CDN person.*Did: profiled checkout/);
    expect(text(goal)).toMatch(/Goal.*Hire a designer.*Someone to interview/);
    await user.type(within(log).getByLabelText(/I can help/), 'I set up the CDN');
    await user.click(within(log).getByRole('button', { name: 'I can help' }));
    await waitFor(() => expect(go.answers.OfferHelp).toHaveBeenCalledWith({ author: BOB, uid: LOG_UID }, 'I set up the CDN'));
    await waitFor(() => expect(text(document.querySelector(`[data-help-log="${LOG_UID}"]`))).toMatch(/You can help: I set up the CDN/));
  });
});

describe('notification settings', () => {
  it('loads the switch and quiet hours, refuses a bad time with a sentence, and saves', async () => {
    const stores = createStores({ media: fakeMediaApi() });
    const user = userEvent.setup();
    render(NotifySettings, { answers: stores.answers });
    const on = await soon<HTMLInputElement>('notify-activity');
    expect(on.checked).toBe(true);
    expect(byId<HTMLInputElement>('notify-quiet-from')!.value).toBe('19:00');
    go.answers.SaveNotifySettings.mockImplementationOnce(async () => {
      throw new Error(
        JSON.stringify({ code: 'invalid', message: 'Write when quiet hours start as HH:MM, such as 19:00.', field: 'quietFrom' }),
      );
    });
    await user.click(byId('notify-save')!);
    expect(text(await soon('notify-error'))).toMatch(/HH:MM/);
    await user.click(on);
    await user.click(byId('notify-save')!);
    await waitFor(() =>
      expect(go.answers.SaveNotifySettings).toHaveBeenLastCalledWith({
        activity: false,
        quietHours: true,
        quietFrom: '19:00',
        quietTo: '08:00',
      }),
    );
    // Reminders keep to the quiet hours too: they stay to be set.
    expect(byId<HTMLInputElement>('notify-quiet')!.disabled).toBe(false);
  });
});
