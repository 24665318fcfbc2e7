/** Whether the reader's system is Apple's, whose shortcuts use ⌘ (Cmd) where others use Ctrl. */
export function isApple(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return /mac|iphone|ipad|ipod/i.test(nav.userAgentData?.platform || nav.platform || '');
}
