import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush } from '../test/fakeApis';
import { LivePreview, PREVIEW_INTERVAL_MS } from './preview.svelte';

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  return {
    live,
    create: vi.fn((_blob: Blob) => {
      const url = `blob:${++n}`;
      live.add(url);
      return url;
    }),
    revoke: vi.fn((url: string) => live.delete(url)),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LivePreview', () => {
  it('shows a new frame about five times a second and revokes each old one', async () => {
    vi.useFakeTimers();
    const urls = fakeUrls();
    const fetchFrame = vi.fn(async () => new Blob(['jpeg']));
    const preview = new LivePreview(fetchFrame, urls);
    preview.start();
    await flush();
    expect(preview.url).toBe('blob:1');

    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(PREVIEW_INTERVAL_MS);
    }
    expect(fetchFrame).toHaveBeenCalledTimes(5);
    expect(preview.url).toBe('blob:5');
    expect([...urls.live]).toEqual(['blob:5']); // nothing leaks

    preview.stop();
    expect(preview.url).toBeNull();
    expect(urls.live.size).toBe(0);
    await vi.advanceTimersByTimeAsync(PREVIEW_INTERVAL_MS * 3);
    expect(fetchFrame).toHaveBeenCalledTimes(5);
  });

  it('keeps the last frame when there is none (204) or a request fails', async () => {
    vi.useFakeTimers();
    const urls = fakeUrls();
    const fetchFrame = vi
      .fn<(s: AbortSignal) => Promise<Blob | null>>()
      .mockResolvedValueOnce(new Blob(['a']))
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValue(null);
    const preview = new LivePreview(fetchFrame, urls);
    preview.start();
    await flush();
    await vi.advanceTimersByTimeAsync(PREVIEW_INTERVAL_MS * 2);
    expect(fetchFrame).toHaveBeenCalledTimes(3);
    expect(preview.url).toBe('blob:1');
    preview.stop();
  });

  it('waits for one frame before asking for the next', async () => {
    vi.useFakeTimers();
    let answer: (b: Blob | null) => void = () => {};
    const fetchFrame = vi.fn(() => new Promise<Blob | null>((r) => (answer = r)));
    const preview = new LivePreview(fetchFrame, fakeUrls());
    preview.start();
    await vi.advanceTimersByTimeAsync(PREVIEW_INTERVAL_MS * 5);
    expect(fetchFrame).toHaveBeenCalledTimes(1);
    answer(null);
    await flush();
    await vi.advanceTimersByTimeAsync(PREVIEW_INTERVAL_MS);
    expect(fetchFrame).toHaveBeenCalledTimes(2);
    preview.stop();
  });

  it('drops a frame that arrives after stop', async () => {
    let answer: (b: Blob | null) => void = () => {};
    const urls = fakeUrls();
    const preview = new LivePreview(() => new Promise<Blob | null>((r) => (answer = r)), urls);
    preview.start();
    preview.stop();
    answer(new Blob(['late']));
    await flush();
    expect(urls.create).not.toHaveBeenCalled();
    expect(preview.url).toBeNull();
  });
});
