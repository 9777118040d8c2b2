import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../domain/format';
import { microtaskCheckpoints } from '../../test/checkpoints';
import Host from './DateFieldHost.test.svelte';

const field = () => document.getElementById('due') as HTMLInputElement;
const bound = () => document.getElementById('bound')!.textContent;

describe('DateField', () => {
  // As in a browser, effects may run between the listeners of a keystroke:
  // the field must keep what is typed whatever runs in between.
  it('keeps a date typed at once, key by key or pasted, with effects between the listeners', async () => {
    const user = userEvent.setup();
    render(Host);
    microtaskCheckpoints(field());

    await user.click(field());
    await user.keyboard('2026-12-31');
    expect(field().value).toBe('2026-12-31');
    expect(bound()).toBe('2026-12-31');
    await user.click(document.getElementById('elsewhere')!);
    expect(bound()).toBe('2026-12-31');
    expect(field().value).toBe(formatDate('2026-12-31'));

    await user.clear(field());
    expect(bound()).toBe('');
    await user.click(field());
    await user.paste('2027-01-15');
    expect(field().value).toBe('2027-01-15');
    expect(bound()).toBe('2027-01-15');
  });

  it('shows a value set from outside, and says what is not a date', async () => {
    const user = userEvent.setup();
    const view = render(Host, { given: '2026-11-23' });
    microtaskCheckpoints(field());
    expect(field().value).toBe(formatDate('2026-11-23'));

    view.component.set('2027-02-01');
    flushSync();
    expect(field().value).toBe(formatDate('2027-02-01'));
    view.component.set('');
    flushSync();
    expect(field().value).toBe('');

    await user.click(field());
    await user.keyboard('31/31{Enter}');
    expect(field().value).toBe('31/31');
    expect(document.getElementById('due-error')?.textContent).toMatch(/is not a date/);
    expect(field().getAttribute('aria-invalid')).toBe('true');
  });
});
