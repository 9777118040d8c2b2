import type { LinkKind } from '../../api/answers';
import type { Stores } from '../../stores';

/**
 * openPlace shows what a Thanks's link or an activity row names: a peer's
 * log in the Inbox, one of mine in Logs, or a goal; a comment's moment is
 * where the player starts. It returns a sentence when it cannot.
 */
export async function openPlace(stores: Stores, kind: LinkKind, author: string, uid: string): Promise<string> {
  const place = await stores.answers.place(kind, author, uid);
  if (place instanceof Error) return place.message;
  stores.answers.pendingSeekMs = place.atMs;
  if (place.kind === 'peerLog') {
    stores.answers.tab = 'standups';
    stores.nav.go('inbox');
    await stores.inbox.openLog(place.logId);
  } else if (place.kind === 'myLog') {
    stores.nav.go('logs');
    await stores.logs.open(place.logId);
  } else {
    stores.goals.view = 'list';
    stores.nav.go('goals');
    await stores.goals.open(place.goalId);
  }
  return '';
}
