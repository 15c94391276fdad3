import { navigate } from '../router';

/** Set when a channel was chosen from elsewhere: its heading takes the focus once shown. */
let channelFocusWanted = false;

/**
 * Goes to a channel (from the sidebar or the quick switcher) without sending the focus to the
 * page's `<h1>`: it goes to the channel's heading, at once when the channel's view is already on
 * screen, else as soon as the space's discussions show it.
 */
export function goToChannel(href: string): void {
  navigate(href, { focus: false });
  const heading = document.getElementById('channel-title');
  channelFocusWanted = true;
  if (heading)
    requestAnimationFrame(() => takeChannelFocus(document.getElementById('channel-title')));
}

/** Called by the discussions when a channel heading appears: focuses it if that was asked. */
export function takeChannelFocus(heading: HTMLElement | null): void {
  if (!channelFocusWanted || !heading) return;
  channelFocusWanted = false;
  heading.focus();
}
