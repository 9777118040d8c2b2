import { describe, expect, it } from 'vitest';
import { areaForKey, NavStore } from './nav.svelte';

const key = (over: Partial<KeyboardEvent>) => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});

describe('areaForKey', () => {
  it.each([
    [key({ key: '1', code: 'Digit1', ctrlKey: true }), 'today'],
    [key({ key: '2', code: 'Digit2', ctrlKey: true }), 'logs'],
    [key({ key: '3', code: 'Digit3', ctrlKey: true }), 'goals'],
    [key({ key: '4', code: 'Digit4', ctrlKey: true }), 'growth'],
    [key({ key: '5', code: 'Digit5', ctrlKey: true }), 'team'],
    [key({ key: '6', code: 'Digit6', ctrlKey: true }), 'inbox'],
    [key({ key: '7', code: 'Digit7', ctrlKey: true }), 'session'],
    [key({ key: '8', code: 'Digit8', ctrlKey: true }), 'insights'],
    [key({ key: '9', code: 'Digit9', ctrlKey: true }), 'settings'],
    [key({ key: '9', code: 'Numpad9', ctrlKey: true }), 'settings'],
    [key({ key: '&', code: 'Digit1', ctrlKey: true }), 'today'], // AZERTY
    [key({ key: '2', metaKey: true }), 'logs'], // macOS, no code
    [key({ key: '2', code: 'Digit2' }), null], // no modifier
    [key({ key: '0', code: 'Digit0', ctrlKey: true }), null],
    [key({ key: '2', code: 'Digit2', ctrlKey: true, altKey: true }), null], // AltGr
    [key({ key: '@', code: 'Digit2', ctrlKey: true, shiftKey: true }), null],
    [key({ key: 'a', code: 'KeyA', ctrlKey: true }), null],
  ])('%o -> %s', (event, want) => {
    expect(areaForKey(event)).toBe(want);
  });
});

describe('NavStore', () => {
  it('starts on Today and follows shortcuts', () => {
    const nav = new NavStore();
    expect(nav.current).toBe('today');
    expect(nav.handleKey(key({ key: '3', code: 'Digit3', ctrlKey: true }))).toBe(true);
    expect(nav.current).toBe('goals');
    expect(nav.handleKey(key({ key: 'x', code: 'KeyX', ctrlKey: true }))).toBe(false);
    expect(nav.current).toBe('goals');
  });
});
