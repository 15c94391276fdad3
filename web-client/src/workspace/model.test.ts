import { describe, expect, it } from 'vitest';
import type { Space } from '../api/types';
import type { ChannelView } from '../chat/types';
import {
  applyEvent,
  applyRead,
  channelLabel,
  entryTotals,
  fold,
  grandTotals,
  matchTargets,
  mySpaces,
  sortedChannels,
  switchTargets,
  titleWithUnread,
  type SpaceEntry,
} from './model';
import { shortcutOf } from './shortcuts';

const space = (id: string, name: string, membership: Space['membership']): Space => ({
  id,
  kind: 'squad',
  name,
  state: 'active',
  membership,
});

const channel = (id: string, name: string, patch: Partial<ChannelView> = {}): ChannelView => ({
  id,
  name,
  archived: false,
  createdAt: '2026-01-01T00:00:00Z',
  lastRead: 0,
  unread: 0,
  mentions: 0,
  ...patch,
});

const entry = (channels: ChannelView[]): SpaceEntry => ({
  space: space('s1', 'Escouade Numérique', 'member'),
  channels,
});

const created = (seq: number, ch: string, author: string, mentions: string[] = []) => ({
  seq,
  kind: 'message.created',
  data: { id: `m${seq}`, channel: ch, author, text: 'x', mentions },
});

describe('workspace model', () => {
  it('keeps only the spaces the person is in, by name with accents ignored', () => {
    const list = mySpaces(
      [
        space('a', 'Escouade Numérique', 'member'),
        space('b', 'Écoconception', 'coordinator'),
        space('c', 'Agroalimentaire', null),
        space('d', 'Bois', 'observer'),
      ],
      'fr',
    );
    expect(list.map((s) => s.id)).toEqual(['d', 'b', 'a']);
  });

  it('counts messages by others in any channel, mentions apart, and not its own', () => {
    let e = entry([channel('general', 'general'), channel('c2', 'Veille')]);
    e = applyEvent(e, created(5, 'c2', 'olivier'), 'marie');
    e = applyEvent(e, created(6, 'c2', 'olivier', ['marie']), 'marie');
    e = applyEvent(e, created(7, 'general', 'marie'), 'marie');
    expect(e.channels!.map((c) => [c.id, c.unread, c.mentions])).toEqual([
      ['general', 0, 0],
      ['c2', 2, 1],
    ]);
    expect(entryTotals(e)).toEqual({ unread: 2, mentions: 1 });
  });

  it('ignores a message at or before the read marker (a replay)', () => {
    const e = entry([channel('general', 'general', { lastRead: 9 })]);
    expect(applyEvent(e, created(9, 'general', 'olivier'), 'marie')).toBe(e);
  });

  it('reads the marker from read.changed and never moves it back', () => {
    let e = entry([channel('general', 'general', { lastRead: 3, unread: 4, mentions: 1 })]);
    e = applyRead(e, 'general', { lastRead: 7, unread: 0, mentions: 0 });
    expect(e.channels![0]).toMatchObject({ lastRead: 7, unread: 0, mentions: 0 });
    const same = applyRead(e, 'general', { lastRead: 5, unread: 2, mentions: 0 });
    expect(same.channels![0]).toMatchObject({ lastRead: 7, unread: 0 });
  });

  it('adds, renames and archives channels from their events', () => {
    let e = entry([channel('general', 'general')]);
    e = applyEvent(
      e,
      {
        seq: 2,
        kind: 'channel.created',
        data: { channel: { id: 'c9', name: 'Veille', archived: false } },
      },
      'marie',
    );
    e = applyEvent(
      e,
      {
        seq: 3,
        kind: 'channel.updated',
        data: { channel: { id: 'c9', name: 'Veille techno', archived: true } },
      },
      'marie',
    );
    expect(e.channels!.map((c) => [c.id, c.name, c.archived])).toEqual([
      ['general', 'general', false],
      ['c9', 'Veille techno', true],
    ]);
  });

  it('does not count archived channels in the totals, and sums spaces', () => {
    const a = entry([
      channel('general', 'general', { unread: 2 }),
      channel('x', 'x', { unread: 5, archived: true }),
    ]);
    const b = entry([channel('general', 'general', { unread: 1, mentions: 1 })]);
    expect(grandTotals([a, b, { space: a.space, channels: null }])).toEqual({
      unread: 3,
      mentions: 1,
    });
  });

  it('puts the count in the tab title', () => {
    expect(titleWithUnread('Atelier', 3)).toBe('(3) Atelier');
    expect(titleWithUnread('Atelier', 0)).toBe('Atelier');
  });

  it('shows the default channel as « général » in French, and sorts it first', () => {
    expect(channelLabel({ id: 'general', name: 'general' }, 'fr')).toBe('général');
    expect(channelLabel({ id: 'general', name: 'general' }, 'en')).toBe('general');
    expect(channelLabel({ id: 'general', name: 'Accueil' }, 'fr')).toBe('Accueil');
    const { open, archived } = sortedChannels(
      [
        channel('b', 'Zèbre'),
        channel('general', 'general'),
        channel('a', 'école'),
        channel('z', 'vieux', { archived: true }),
      ],
      'fr',
    );
    expect(open.map((c) => c.id)).toEqual(['general', 'a', 'b']);
    expect(archived.map((c) => c.id)).toEqual(['z']);
  });

  it('folds case and accents', () => {
    expect(fold('  Efficacité ÉNERGÉTIQUE ')).toBe('efficacite energetique');
  });

  it('finds spaces and channels by the start of their words, accents ignored', () => {
    const entries: SpaceEntry[] = [
      {
        space: space('s1', 'Escouade Numérique', 'member'),
        channels: [channel('general', 'general'), channel('v', 'Veille techno', { unread: 2 })],
      },
      {
        space: space('s2', 'Transition énergétique', 'member'),
        channels: [channel('general', 'general', { mentions: 1, unread: 1 })],
      },
    ];
    const targets = switchTargets(entries, 'fr');
    expect(targets.map((t) => t.label)).toEqual([
      'Escouade Numérique',
      'général',
      'Veille techno',
      'Transition énergétique',
      'général',
    ]);
    // Unread ones before the others.
    expect(matchTargets(targets, 'numer').map((t) => t.label)).toEqual([
      'Escouade Numérique',
      'Veille techno',
      'général',
    ]);
    expect(matchTargets(targets, 'energ gen').map((t) => [t.label, t.context])).toEqual([
      ['général', 'Transition énergétique'],
    ]);
    expect(matchTargets(targets, '#veil').map((t) => t.label)).toEqual(['Veille techno']);
    // Nothing typed: mentions first, then unread.
    expect(
      matchTargets(targets, '')
        .slice(0, 2)
        .map((t) => [t.label, t.context]),
    ).toEqual([
      ['Transition énergétique', undefined],
      ['général', 'Transition énergétique'],
    ]);
    expect(matchTargets(targets, 'zzz')).toEqual([]);
  });
});

describe('shortcuts', () => {
  const key = (
    k: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
    code?: string,
  ) => ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it('knows Ctrl+K, ⌘+K and Alt+Shift+M, and nothing else', () => {
    expect(shortcutOf(key('k', { ctrlKey: true }))).toBe('switcher');
    expect(shortcutOf(key('K', { metaKey: true }))).toBe('switcher');
    expect(shortcutOf(key('k', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutOf(key('Â', { altKey: true, shiftKey: true }, 'KeyM'))).toBe('composer');
    expect(shortcutOf(key('k'))).toBeNull();
    expect(shortcutOf(key('m', { altKey: true }, 'KeyM'))).toBeNull();
  });
});
