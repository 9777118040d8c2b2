import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { answersApi, type CommentInput, type ThanksInput } from './answers';
import { goError, installGo, uninstallGo, type FakeGo } from '../test/fakeGo';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const ref = { author: 'ab'.repeat(16), uid: 'cd'.repeat(16) };

describe('answersApi', () => {
  it('calls the Go facade’s methods by the contract’s names and arguments', async () => {
    const comment: CommentInput = { log: ref, text: 'nice', atMs: 2000, replyTo: 0 };
    const thanks: ThanksInput = { to: ref.author, reason: 'for the review', link: { kind: 'log', id: 0, log: ref } };
    const notify = { activity: true, quietHours: false, quietFrom: '19:00', quietTo: '08:00' };
    const calls: [Exclude<keyof FakeGo['answers'], 'state'>, () => Promise<unknown>, unknown[]][] = [
      ['Rules', () => answersApi.rules(), []],
      ['LogAnswers', () => answersApi.logAnswers(ref), [ref]],
      ['Comments', () => answersApi.comments(ref), [ref]],
      ['AddComment', () => answersApi.addComment(comment), [comment]],
      ['EditComment', () => answersApi.editComment(3, 'better'), [3, 'better']],
      ['DeleteComment', () => answersApi.deleteComment(3), [3]],
      ['React', () => answersApi.react(ref, 'clap', true), [ref, 'clap', true]],
      ['OfferHelp', () => answersApi.offerHelp(ref, 'I can pair'), [ref, 'I can pair']],
      ['AcceptHelp', () => answersApi.acceptHelp(4), [4]],
      ['GiveThanks', () => answersApi.giveThanks(thanks), [thanks]],
      ['EditThanks', () => answersApi.editThanks(5, thanks), [5, thanks]],
      ['WithdrawThanks', () => answersApi.withdrawThanks(5), [5]],
      ['ThanksFeed', () => answersApi.thanksFeed(0), [0]],
      ['MyThanks', () => answersApi.myThanks(true, 10), [true, 10]],
      ['Activity', () => answersApi.activity(50), [50]],
      ['UnreadActivity', () => answersApi.unreadActivity(), []],
      ['MarkActivityRead', () => answersApi.markActivityRead([]), [[]]],
      ['HelpWanted', () => answersApi.helpWanted(), []],
      ['Place', () => answersApi.place('comment', 'ab', 'c1'), ['comment', 'ab', 'c1']],
      ['NotifySettings', () => answersApi.notifySettings(), []],
      ['SaveNotifySettings', () => answersApi.saveNotifySettings(notify), [notify]],
    ];
    go.answers.state.places.set('comment:c1', { kind: 'myLog', logId: 1, goalId: 0, commentId: 3, atMs: 12000 });
    for (const [method, run, args] of calls) {
      // Only the call is checked: the fake may refuse what names nothing.
      await run().catch(() => {});
      expect(go.answers[method].mock.lastCall, method).toEqual(args);
    }
  });

  it('turns Go’s answers into the contract’s shapes', async () => {
    go.answers.LogAnswers.mockResolvedValue({ log: ref, comments: null, reactions: null, offers: null, thanks: null });
    await expect(answersApi.logAnswers(ref)).resolves.toEqual({ log: ref, comments: [], reactions: [], offers: [], thanks: [] });
    go.answers.Comments.mockResolvedValue([
      {
        id: 1,
        uid: 'u',
        log: ref,
        author: 'a',
        authorName: 'Bob',
        atMs: 2000,
        text: 'at two',
        replies: [{ id: 2, replyTo: 1, atMs: null, text: 'yes', replies: null }],
      },
    ]);
    const [c] = await answersApi.comments(ref);
    expect(c).toMatchObject({ id: 1, atMs: 2000, deleted: false, replies: [{ id: 2, replyTo: 1, atMs: null, text: 'yes', replies: [] }] });
    go.answers.ThanksFeed.mockResolvedValue([
      { id: 1, fromName: 'Bob', toName: 'Ada', reason: 'r', link: { kind: 'weird', author: 'a', uid: 'u' }, at: '0001-01-01T00:00:00Z' },
    ]);
    await expect(answersApi.thanksFeed(0)).resolves.toMatchObject([{ link: { kind: 'log' }, at: '', editable: false }]);
    go.answers.UnreadActivity.mockResolvedValue(null);
    await expect(answersApi.unreadActivity()).resolves.toBe(0);
    go.answers.HelpWanted.mockResolvedValue([{ kind: 'log', need: 'CDN', log: ref, offers: null, goal: null }]);
    await expect(answersApi.helpWanted()).resolves.toMatchObject([{ kind: 'log', need: 'CDN', log: ref, offers: [], goal: null }]);
    go.answers.Rules.mockResolvedValue({ reactions: ['clap', 'poop'], thanksPerDay: 3 });
    await expect(answersApi.rules()).resolves.toMatchObject({ reactions: ['clap'], thanksPerDay: 3 });
  });

  it('rejects with Go’s error, its code and field', async () => {
    go.answers.GiveThanks.mockRejectedValue(goError('invalid', 'You cannot thank yourself.', 'to'));
    const err = await answersApi.giveThanks({ to: 'me', reason: 'x', link: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'invalid', field: 'to' });
  });

  it('hears answers:changed and lets go', () => {
    let heard = 0;
    const off = answersApi.onChanged(() => heard++);
    go.emit('answers:changed', null);
    off();
    go.emit('answers:changed', null);
    expect(heard).toBe(1);
    expect(go.listeners('answers:changed')).toBe(0);
  });
});
