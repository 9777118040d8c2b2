import { vi, type Mock } from 'vitest';

// Stand-ins for what the Wails runtime puts on window.go, so tests run the
// real api/ layer and generated bindings against scripted answers.

export interface FakeGo {
  Status: Mock<() => Promise<unknown>>;
  Info: Mock<() => Promise<unknown>>;
  Ready: Mock<() => Promise<void>>;
  Get: Mock<() => Promise<unknown>>;
  Save: Mock<(input: unknown) => Promise<unknown>>;
}

export const okStatus = { ok: true, code: '', message: '', dataDir: '/home/ada/.local/share/PeerPlayPay' };

export function profileOf(name: string, role = '', teamName = '') {
  return {
    memberId: 'm-1',
    name,
    role,
    teamName,
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
  };
}

/** goError is what the Wails runtime rejects with when a Go method fails. */
export function goError(code: string, message: string, field = ''): Error {
  return new Error(JSON.stringify({ code, message, field }));
}

export function installGo(): FakeGo {
  const fake: FakeGo = {
    Status: vi.fn(async () => okStatus),
    Info: vi.fn(async () => ({ version: '0.1.0', dataDir: okStatus.dataDir })),
    Ready: vi.fn(async () => {}),
    Get: vi.fn(async () => null),
    Save: vi.fn(async (input: unknown) => ({ ...profileOf(''), ...(input as object) })),
  };
  (window as unknown as { go: unknown }).go = {
    app: {
      Shell: { Status: fake.Status, Info: fake.Info, Ready: fake.Ready },
      Profiles: { Get: fake.Get, Save: fake.Save },
    },
  };
  return fake;
}

export function uninstallGo(): void {
  delete (window as unknown as { go?: unknown }).go;
}
