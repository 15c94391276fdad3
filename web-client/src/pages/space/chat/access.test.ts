import { describe, expect, it } from 'vitest';
import { chatAccess } from './access';

describe('what the discussions show', () => {
  it('invites someone outside an active space to ask to join', () => {
    expect(chatAccess({ state: 'active', membership: null }, false)).toEqual({ view: 'join' });
  });

  it('says why there is nothing to read, state by state', () => {
    expect(chatAccess({ state: 'proposed', membership: null }, false)).toEqual({
      view: 'closed',
      reason: 'chat.closed.proposed',
    });
    expect(chatAccess({ state: 'dormant', membership: null }, false)).toEqual({
      view: 'closed',
      reason: 'chat.closed.dormant',
    });
    expect(chatAccess({ state: 'declined', membership: 'coordinator' }, false)).toEqual({
      view: 'closed',
      reason: 'chat.closed.declined',
    });
  });

  it('lets the members of a proposed group talk while it waits, and keeps dormant ones read-only', () => {
    expect(chatAccess({ state: 'proposed', membership: 'coordinator' }, false)).toEqual({
      view: 'chat',
      readOnly: null,
    });
    expect(chatAccess({ state: 'dormant', membership: 'member' }, false)).toEqual({
      view: 'chat',
      readOnly: 'chat.readOnly.dormant',
    });
    expect(chatAccess({ state: 'active', membership: 'observer' }, false).view).toBe('chat');
    expect(chatAccess({ state: 'active', membership: 'member' }, false, true)).toEqual({
      view: 'chat',
      readOnly: 'chat.readOnly.archived',
    });
    expect(chatAccess({ state: 'active', membership: null }, true)).toEqual({
      view: 'chat',
      readOnly: 'chat.readOnly.notMember',
    });
  });
});
