import { describe, expect, it } from 'vitest';
import { zoomForKey, zoomPercent } from './zoom';

const key = (key: string, code: string, mods: Partial<KeyboardEvent> = { ctrlKey: true }) =>
  ({ key, code, ctrlKey: false, metaKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe('zoomForKey', () => {
  it('steps up to 200 % in five presses of Ctrl+=, and back with Ctrl+-', () => {
    let z = 1;
    for (let i = 0; i < 5; i++) z = zoomForKey(key('=', 'Equal'), z) ?? NaN;
    expect(z).toBe(2);
    expect(zoomForKey(key('-', 'Minus'), z)).toBe(1.75);
  });

  it('takes + with Shift, the keypad and ⌘, and Ctrl+0 resets', () => {
    expect(zoomForKey(key('+', 'Equal', { ctrlKey: true, shiftKey: true }), 1)).toBe(1.1);
    expect(zoomForKey(key('+', 'NumpadAdd'), 1.1)).toBe(1.25);
    expect(zoomForKey(key('-', 'NumpadSubtract', { metaKey: true }), 1)).toBe(0.9);
    expect(zoomForKey(key('0', 'Digit0'), 2.5)).toBe(1);
  });

  it('stops at the ends, moves a level between steps to the next, and ignores other keys', () => {
    expect(zoomForKey(key('=', 'Equal'), 3)).toBe(3);
    expect(zoomForKey(key('-', 'Minus'), 0.5)).toBe(0.5);
    expect(zoomForKey(key('=', 'Equal'), 1.3)).toBe(1.5);
    expect(zoomForKey(key('=', 'Equal', {}), 1)).toBeNull();
    expect(zoomForKey(key('=', 'Equal', { ctrlKey: true, altKey: true }), 1)).toBeNull();
    expect(zoomForKey(key('1', 'Digit1'), 1)).toBeNull();
  });

  it('says a level as a percentage', () => {
    expect(zoomPercent(1.25)).toBe('125 %');
  });
});
