import { afterEach, describe, expect, it } from 'vitest';
import { call, NO_BACKEND_MESSAGE } from './call';
import { AppError, GENERIC_MESSAGE, toAppError } from './errors';
import { installGo, uninstallGo } from '../test/fakeGo';

describe('toAppError', () => {
  const json = '{"code":"invalid","message":"Please enter your name; …","field":"name"}';

  it.each([
    ['a JSON string', json],
    ['an Error whose message is JSON (what the Wails runtime rejects with)', new Error(json)],
    ['a parsed object', JSON.parse(json)],
  ])('parses %s', (_label, reason) => {
    const err = toAppError(reason);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('invalid');
    expect(err.message).toBe('Please enter your name; …');
    expect(err.field).toBe('name');
  });

  it('defaults a missing field to ""', () => {
    const err = toAppError('{"code":"unwritable","message":"The data folder cannot be written."}');
    expect(err.code).toBe('unwritable');
    expect(err.field).toBe('');
  });

  it.each(['invalid', 'not_found', 'conflict', 'corrupt', 'unwritable', 'unavailable', 'internal'])('keeps known code %s', (code) => {
    expect(toAppError(JSON.stringify({ code, message: 'm' })).code).toBe(code);
  });

  it('keeps the message of an unknown code but calls it internal', () => {
    const err = toAppError('{"code":"quota","message":"The team share is full."}');
    expect(err.code).toBe('internal');
    expect(err.message).toBe('The team share is full.');
  });

  it.each([
    ['a plain string', 'open /home/ada/db.sqlite: permission denied'],
    ['a plain Error', new TypeError("Cannot read properties of undefined (reading 'app')")],
    ['JSON without a message', '{"code":"invalid"}'],
    ['JSON that is not an object', '"just a string"'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('wraps %s as internal with the generic message', (_label, reason) => {
    const err = toAppError(reason);
    expect(err.code).toBe('internal');
    expect(err.message).toBe(GENERIC_MESSAGE);
    expect(err.field).toBe('');
    expect(err.cause).toBe(reason);
  });

  it('returns an AppError unchanged', () => {
    const err = new AppError('conflict', 'Already there.');
    expect(toAppError(err)).toBe(err);
  });
});

describe('call', () => {
  afterEach(uninstallGo);

  it('resolves with the result', async () => {
    installGo();
    await expect(call(async () => 7)).resolves.toBe(7);
  });

  it('turns a rejection into an AppError', async () => {
    installGo();
    const err = await call(() => Promise.reject(new Error('{"code":"corrupt","message":"Bad."}'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('corrupt');
  });

  it('says the backend is missing when window.go is absent', async () => {
    uninstallGo();
    const err = await call(async () => {
      throw new TypeError('window.go is undefined');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('unavailable');
    expect((err as AppError).message).toBe(NO_BACKEND_MESSAGE);
  });
});
