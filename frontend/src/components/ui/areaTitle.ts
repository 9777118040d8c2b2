/**
 * areaTitleFocused says whether the area's title has focus, as the shell
 * puts it when the member switches area by key or sidebar.
 */
export function areaTitleFocused(): boolean {
  return document.activeElement?.id === 'area-heading';
}
