import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../api/errors';
import { emptyTable } from '../domain/logTable';
import { entry, fakeLogsApi, fakeRecordingApi, flush, recState } from '../test/fakeApis';
import { AUTOSAVE_MS, RecordingStore, recorderShortcut, REVIEW_MS, STOP_GRACE_MS } from './recording.svelte';

function setup(over: Parameters<typeof fakeRecordingApi>[0] = {}, logsOver: Parameters<typeof fakeLogsApi>[0] = {}) {
  const rec = fakeRecordingApi(over);
  const logs = fakeLogsApi(logsOver);
  const store = new RecordingStore(rec.api, logs);
  const off = store.connect();
  return { store, rec, logs, off };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RecordingStore events', () => {
  it('listens to both events and stops listening on off', () => {
    const { rec, off } = setup();
    expect(rec.listeners()).toBe(2);
    off();
    expect(rec.listeners()).toBe(0);
  });

  it('adopts a recording that already runs (the page was reloaded)', async () => {
    const { store } = setup({ state: async () => recState({ logId: 3, elapsedMs: 12_000 }) });
    await flush();
    expect(store.phase).toBe('recording');
    expect(store.status?.logId).toBe(3);
    expect(store.elapsedMs).toBe(12_000);
  });

  it('shows the stored table of an adopted recording, and leaves it alone unless edited here', async () => {
    const { store, rec, logs } = setup(
      { state: async () => recState({ logId: 3 }) },
      { get: async (id: number) => entry(id, { done: 'Typed in the other window' }) },
    );
    await flush();
    expect(logs.get).toHaveBeenCalledWith(3);
    expect(store.table.done).toBe('Typed in the other window');

    rec.stopped({ log: entry(3, { done: 'Typed in the other window' }), error: '' });
    await flush();
    expect(logs.updateTable).not.toHaveBeenCalled();
    expect(store.finished?.log.id).toBe(3);
    expect(store.table).toEqual(emptyTable());
  });

  it('saves the table of an adopted recording edited here', async () => {
    const { store, rec, logs } = setup({ state: async () => recState({ logId: 3 }) });
    await flush();
    store.table.how = 'Edited after the reload';
    store.edited('how');
    rec.stopped({ log: entry(3), error: '' });
    await flush();
    expect(logs.updateTable).toHaveBeenCalledWith(3, { ...emptyTable(), how: 'Edited after the reload' });
  });

  it('follows progress: elapsed, level, pause and the countdown', async () => {
    const { store, rec } = setup();
    await store.start(false);
    rec.progress({ elapsedMs: 48_000, maxMs: 300_000, level: 0.62 });
    expect(store.elapsedMs).toBe(48_000);
    expect(store.remainingMs).toBe(252_000);
    expect(store.level).toBe(0.62);
    rec.progress({ elapsedMs: 49_000, paused: true, level: 0.5 });
    expect(store.paused).toBe(true);
    expect(store.level).toBe(0); // a paused meter rests
    rec.progress({ elapsedMs: 310_000, maxMs: 300_000 });
    expect(store.remainingMs).toBe(0);
  });

  it('ignores progress of a recording that has ended', async () => {
    const { store, rec } = setup();
    await store.start(false);
    await store.stop();
    rec.progress({ logId: 7, elapsedMs: 60_000 });
    expect(store.phase).toBe('idle');
    expect(store.status).toBeNull();
  });
});

describe('RecordingStore.start', () => {
  it('sends audioOnly and the trimmed table', async () => {
    const { store, rec } = setup();
    store.table.done = '  Shipped the importer \n';
    store.table.mood = 4;
    await store.start(true);
    expect(rec.api.start).toHaveBeenCalledWith({
      audioOnly: true,
      table: { ...emptyTable(), done: 'Shipped the importer', mood: 4 },
    });
    expect(store.phase).toBe('recording');
    expect(store.status?.kind).toBe('audio');
    expect(store.error).toBeNull();
  });

  it('does not call Go with a too long answer', async () => {
    const { store, rec } = setup();
    store.table.why = 'x'.repeat(2001);
    await store.start(false);
    expect(rec.api.start).not.toHaveBeenCalled();
    expect(store.tableErrors.why).toMatch(/2001 characters/);
    expect(store.phase).toBe('idle');
    store.edited('why');
    expect(store.tableErrors.why).toBeUndefined();
  });

  it('shows Go’s error and goes back to idle', async () => {
    const { store } = setup({
      start: () =>
        Promise.reject(new AppError('unavailable', 'No camera found. Record audio only, or connect a camera and check Settings.')),
    });
    await store.start(false);
    expect(store.phase).toBe('idle');
    expect(store.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^No camera found/) });
  });

  it('starts once while Start is on its way', async () => {
    const { store, rec } = setup();
    const first = store.start(false);
    expect(store.phase).toBe('starting');
    await store.start(false);
    await first;
    expect(rec.api.start).toHaveBeenCalledTimes(1);
  });
});

describe('RecordingStore.stop', () => {
  it('saves the final table with UpdateTable, confirms and clears the form', async () => {
    const { store, rec, logs } = setup();
    store.table.done = 'Before';
    await store.start(false);
    // Typed during the recording.
    store.table.next = 'Review the PR ';
    store.table.energy = 2;
    rec.progress({ elapsedMs: 42_000 });
    await store.stop();

    expect(rec.api.stop).toHaveBeenCalledTimes(1);
    expect(logs.updateTable).toHaveBeenCalledWith(7, {
      ...emptyTable(),
      done: 'Before',
      next: 'Review the PR',
      energy: 2,
    });
    expect(store.phase).toBe('idle');
    expect(store.status).toBeNull();
    expect(store.finished).toMatchObject({ how: 'stopped', tableError: '', log: { id: 7, next: 'Review the PR' } });
    expect(store.table).toEqual(emptyTable());
  });

  it('handles the stopped event that follows Stop only once', async () => {
    const { store, rec, logs } = setup();
    await store.start(false);
    await store.stop();
    rec.stopped({ log: entry(7), error: '' });
    await flush();
    expect(logs.updateTable).toHaveBeenCalledTimes(1);
    expect(store.finished?.how).toBe('stopped');
  });

  it('treats a stopped event arriving before Stop resolves as the Stop', async () => {
    let resolveStop: (e: ReturnType<typeof entry>) => void = () => {};
    const { store, rec, logs } = setup({ stop: () => new Promise((r) => (resolveStop = r)) });
    await store.start(false);
    const stopping = store.stop();
    rec.stopped({ log: entry(7), error: '' });
    await flush();
    resolveStop(entry(7));
    await stopping;
    expect(logs.updateTable).toHaveBeenCalledTimes(1);
    expect(store.finished?.how).toBe('stopped');
  });

  it('keeps the form and offers to save again when the table cannot be saved', async () => {
    const { store, logs } = setup(
      {},
      {
        updateTable: vi.fn().mockRejectedValueOnce(new AppError('unwritable', 'The disk is full.')),
      },
    );
    store.table.done = 'Kept';
    await store.start(false);
    await store.stop();
    expect(store.finished?.tableError).toBe('The recording is saved, but the table is not: The disk is full.');
    expect(store.table.done).toBe('Kept');

    logs.updateTable.mockImplementation(async (id, t) => entry(id, t));
    await store.saveTableAgain();
    expect(logs.updateTable).toHaveBeenLastCalledWith(7, { ...emptyTable(), done: 'Kept' });
    expect(store.finished?.tableError).toBe('');
    expect(store.table).toEqual(emptyTable());
  });

  it('does not clear what is typed while the table is being saved', async () => {
    let finishSave: () => void = () => {};
    const { store } = setup(
      {},
      {
        updateTable: vi.fn((id: number, t) => new Promise((r) => (finishSave = () => r(entry(id, t))))),
      },
    );
    store.table.done = 'First';
    await store.start(false);
    const stopping = store.stop();
    await flush();
    store.table.how = 'typed meanwhile';
    finishSave();
    await stopping;
    expect(store.table.how).toBe('typed meanwhile');
  });

  it('waits for the stopped event when Go says nothing runs any more', async () => {
    vi.useFakeTimers();
    const { store, rec } = setup({ stop: () => Promise.reject(new AppError('conflict', 'No recording is running.')) });
    await store.start(false);
    await store.stop();
    expect(store.error).toBeNull();
    expect(store.phase).toBe('stopping');
    rec.stopped({ log: entry(7), error: '' });
    await flush();
    expect(store.phase).toBe('idle');
    expect(store.finished?.how).toBe('stopped');

    // And does not hang when the event never comes.
    rec.api.start.mockResolvedValueOnce(recState({ logId: 8 }));
    await store.start(false);
    expect(store.phase).toBe('recording');
    await store.stop();
    vi.advanceTimersByTime(STOP_GRACE_MS);
    expect(store.phase).toBe('idle');
  });

  it('shows another Stop failure and keeps recording', async () => {
    const { store } = setup({ stop: () => Promise.reject(new AppError('internal', 'Could not stop.')) });
    await store.start(false);
    await store.stop();
    expect(store.error?.message).toBe('Could not stop.');
    expect(store.phase).toBe('recording');
  });
});

describe('RecordingStore ending by itself', () => {
  it('says it stopped at the limit and saves the table', async () => {
    const { store, rec, logs } = setup();
    await store.start(false);
    store.table.done = 'Talked a lot';
    rec.progress({ elapsedMs: 300_000, maxMs: 300_000 });
    rec.stopped({ log: entry(7, { durationMs: 300_000 }), error: '' });
    await flush();
    expect(logs.updateTable).toHaveBeenCalledWith(7, { ...emptyTable(), done: 'Talked a lot' });
    expect(store.finished).toMatchObject({ how: 'limit', limit: '5-minute' });
    expect(store.phase).toBe('idle');
    expect(store.table).toEqual(emptyTable());
  });

  it('says why a device failure ended it, and keeps what was recorded', async () => {
    const { store, rec } = setup();
    await store.start(false);
    rec.stopped({ log: entry(7), error: 'The camera stopped sending pictures.' });
    await flush();
    expect(store.finished).toMatchObject({ how: 'failed', reason: 'The camera stopped sending pictures.' });
  });

  it('shows the error when nothing could be kept', async () => {
    const { store, rec } = setup();
    await store.start(false);
    rec.stopped({ log: null, error: 'The disk is full.' });
    await flush();
    expect(store.phase).toBe('idle');
    expect(store.finished).toBeNull();
    expect(store.error?.message).toBe('The disk is full.');
  });
});

describe('RecordingStore pause', () => {
  it('pauses and resumes', async () => {
    const { store, rec } = setup();
    await store.start(false);
    await store.togglePause();
    expect(rec.api.pause).toHaveBeenCalledTimes(1);
    expect(store.paused).toBe(true);
    await store.togglePause();
    expect(rec.api.resume).toHaveBeenCalledTimes(1);
    expect(store.paused).toBe(false);
  });

  it('does nothing when idle', async () => {
    const { store, rec } = setup();
    await store.togglePause();
    expect(rec.api.pause).not.toHaveBeenCalled();
  });
});

describe('RecordingStore autosave', () => {
  it('saves the table a moment after typing stops, while recording only', async () => {
    vi.useFakeTimers();
    const { store, logs } = setup();
    store.table.done = 'a';
    store.edited('done');
    vi.advanceTimersByTime(AUTOSAVE_MS);
    expect(logs.updateTable).not.toHaveBeenCalled(); // not recording yet

    await store.start(false);
    store.table.done = 'ab';
    store.edited('done');
    vi.advanceTimersByTime(AUTOSAVE_MS - 1);
    store.table.done = 'abc ';
    store.edited('done');
    vi.advanceTimersByTime(AUTOSAVE_MS);
    expect(logs.updateTable).toHaveBeenCalledTimes(1);
    expect(logs.updateTable).toHaveBeenCalledWith(7, { ...emptyTable(), done: 'abc' });
  });
});

describe('RecordingStore.saveText', () => {
  it('asks for at least one answer', async () => {
    const { store, logs } = setup();
    await store.saveText();
    expect(logs.createText).not.toHaveBeenCalled();
    expect(store.error?.message).toMatch(/at least one/);
  });

  it('stores the table alone and clears the form', async () => {
    const { store, logs } = setup();
    store.table.helpNeeded = ' Need a reviewer ';
    await store.saveText();
    expect(logs.createText).toHaveBeenCalledWith({ ...emptyTable(), helpNeeded: 'Need a reviewer' });
    expect(store.finished).toMatchObject({ how: 'text', log: { id: 9, kind: 'text' } });
    expect(store.table).toEqual(emptyTable());
  });

  it('puts Go’s field error on its field', async () => {
    const { store } = setup(
      {},
      {
        createText: () => Promise.reject(new AppError('invalid', 'Mood is a number from 1 to 5 (or empty).', 'mood')),
      },
    );
    store.table.done = 'x';
    await store.saveText();
    expect(store.tableErrors.mood).toMatch(/Mood/);
  });
});

describe('recorderShortcut', () => {
  const key = (over: Partial<KeyboardEvent>) => ({
    key: '',
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...over,
  });

  it.each([
    [key({ key: 'R', code: 'KeyR', ctrlKey: true, shiftKey: true }), 'record'],
    [key({ key: 'R', code: 'KeyR', metaKey: true, shiftKey: true }), 'record'],
    [key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), 'pause'],
    [key({ key: 'p', ctrlKey: true, shiftKey: true }), 'pause'], // no code
    [key({ key: 'r', code: 'KeyR', ctrlKey: true }), null], // no Shift: reload
    [key({ key: 'R', code: 'KeyR', shiftKey: true }), null], // typing a capital R
    [key({ key: ' ', code: 'Space' }), null],
    [key({ key: 'R', code: 'KeyR', ctrlKey: true, shiftKey: true, altKey: true }), null],
  ])('%o -> %s', (event, want) => {
    expect(recorderShortcut(event)).toBe(want);
  });
});

describe('RecordingStore review after Stop', () => {
  async function stopped() {
    const t = setup();
    t.store.table.done = 'Shipped the importer';
    await t.store.start(false);
    await t.store.stop();
    return t;
  }

  it('offers the recording just made for a few seconds, then keeps it', async () => {
    vi.useFakeTimers();
    const { store, rec } = await stopped();
    expect(store.review).toMatchObject({ log: { id: 7 }, table: { done: 'Shipped the importer' }, busy: false });
    vi.advanceTimersByTime(REVIEW_MS - 1);
    expect(store.review).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(store.review).toBeNull();
    expect(store.finished?.log.id).toBe(7);
    expect(await store.discard()).toBe(false);
    expect(rec.api.discard).not.toHaveBeenCalled();
  });

  it('ends the offer at the next action: typing keeps the recording', async () => {
    const { store } = await stopped();
    store.table.done = 'Tomorrow';
    store.edited('done');
    expect(store.review).toBeNull();
  });

  it('discards: Go deletes it, the table comes back to the form', async () => {
    const { store, rec } = await stopped();
    expect(store.table).toEqual(emptyTable());
    expect(await store.discard()).toBe(true);
    expect(rec.api.discard).toHaveBeenCalledWith(7);
    expect(store.table.done).toBe('Shipped the importer');
    expect(store.review).toBeNull();
    expect(store.finished).toBeNull();
    expect(store.discarded).toBe(true);
  });

  it('records again with the same table and kind', async () => {
    const { store, rec } = await stopped();
    await store.recordAgain();
    expect(rec.api.discard).toHaveBeenCalledWith(7);
    expect(rec.api.start).toHaveBeenCalledTimes(2);
    expect(rec.api.start.mock.calls[1][0]).toMatchObject({ audioOnly: false, table: { done: 'Shipped the importer' } });
    expect(store.phase).toBe('recording');
  });

  it('keeps the recording and says why when Go cannot discard it', async () => {
    const { store, rec } = await stopped();
    rec.api.discard.mockRejectedValueOnce(new AppError('conflict', 'Only the recording just made can be discarded here.'));
    expect(await store.discard()).toBe(false);
    expect(store.error?.message).toMatch(/Only the recording just made/);
    expect(store.finished?.log.id).toBe(7);
    expect(store.table).toEqual(emptyTable());
  });

  it('offers no review for a text log', async () => {
    const { store } = setup();
    store.table.done = 'Text only';
    await store.saveText();
    expect(store.finished?.how).toBe('text');
    expect(store.review).toBeNull();
  });
});
