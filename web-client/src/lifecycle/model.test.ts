import { describe, expect, it } from 'vitest';
import type { Space } from '../api/types';
import {
  awaitingStart,
  closingProblems,
  formatBytes,
  lifecycleActions,
  mandateProblems,
  nextMandateDraft,
  timeline,
} from './model';

const mandate = {
  issue: 'Séchoirs',
  objectives: 'Réduire',
  deliverables: 'Guide',
  start: '2030-01-01',
  end: '2030-03-31',
};

function space(over: Partial<Space>): Space {
  return {
    id: 's',
    kind: 'tactical',
    name: 'GT',
    state: 'active',
    membership: 'coordinator',
    mandate,
    ...over,
  };
}

describe('lifecycleActions', () => {
  it('lets coordinators close an active tactical group and reactivate it once dormant', () => {
    expect(lifecycleActions(space({}), false)).toMatchObject({ close: true, reactivate: false });
    expect(lifecycleActions(space({ state: 'dormant' }), false)).toMatchObject({
      close: false,
      reactivate: true,
      download: true,
      purge: false,
    });
  });

  it('gives members neither, and squads only to administrators', () => {
    expect(lifecycleActions(space({ membership: 'member' }), false)).toMatchObject({
      close: false,
      download: false,
    });
    const squad = space({ kind: 'squad', mandate: null });
    expect(lifecycleActions(squad, false)).toMatchObject({ close: false, sleepSquad: false });
    expect(lifecycleActions(squad, true)).toMatchObject({ close: false, sleepSquad: true });
  });

  it('offers the purge only for an archive taken since the group went dormant, and nothing after it', () => {
    const dormant = { state: 'dormant' as const, stateChangedAt: '2030-04-01T04:00:00Z' };
    const before = { sha256: 'a', bytes: 1, at: '2030-03-01T00:00:00Z', by: 'x' };
    const after = { ...before, at: '2030-04-02T00:00:00Z' };
    expect(lifecycleActions(space({ ...dormant, archive: before }), true).purge).toBe(false);
    expect(lifecycleActions(space({ ...dormant, archive: after }), true).purge).toBe(true);
    expect(lifecycleActions(space({ ...dormant, archive: after }), false).purge).toBe(false);
    const tomb = lifecycleActions(space({ ...dormant, archive: after, purgedAt: 'x' }), true);
    expect(tomb).toMatchObject({ purge: false, download: false, reactivate: false });
    // A summary written after that archive: the bag no longer holds the final content.
    const summary = { outcomes: 'o', deliverables: 'd', lessons: 'l' };
    const rewritten = {
      ...dormant,
      archive: after,
      closing: { ...summary, at: '2030-04-03T00:00:00Z' },
    };
    expect(lifecycleActions(space(rewritten), true).purge).toBe(false);
  });

  it('lets coordinators and administrators write the summary of a dormant tactical group, no one else', () => {
    expect(lifecycleActions(space({ state: 'dormant' }), false).writeClosing).toBe(true);
    expect(lifecycleActions(space({ state: 'dormant', membership: null }), true).writeClosing).toBe(
      true,
    );
    expect(
      lifecycleActions(space({ state: 'dormant', membership: 'member' }), false).writeClosing,
    ).toBe(false);
    expect(lifecycleActions(space({ state: 'active' }), false).writeClosing).toBe(false);
    expect(lifecycleActions(space({ state: 'dormant', purgedAt: 'x' }), true).writeClosing).toBe(
      false,
    );
    expect(lifecycleActions(space({ state: 'dormant', kind: 'squad' }), true).writeClosing).toBe(
      false,
    );
  });

  it('tells an approved group waiting for its start from a proposal', () => {
    const approval = { at: '2030-01-01T00:00:00Z', by: 'admin' };
    expect(awaitingStart(space({ state: 'proposed', approval }))).toBe(true);
    expect(awaitingStart(space({ state: 'proposed' }))).toBe(false);
    expect(awaitingStart(space({ state: 'active', approval }))).toBe(false);
  });
});

describe('closing summary and new mandate', () => {
  it('requires the three parts of the summary', () => {
    expect(closingProblems({ outcomes: ' ', deliverables: 'x', lessons: '' })).toEqual({
      outcomes: 'lifecycle.required',
      lessons: 'lifecycle.required',
    });
    expect(closingProblems({ outcomes: 'a', deliverables: 'b', lessons: 'c' })).toEqual({});
  });

  it('refuses a mandate that ends before it starts or has already ended', () => {
    expect(mandateProblems({ ...mandate, end: '2029-12-31' }, '2029-06-01').end).toBe(
      'lifecycle.endBeforeStart',
    );
    expect(mandateProblems(mandate, '2030-04-01').end).toBe('lifecycle.endPast');
    expect(mandateProblems(mandate, '2030-03-31')).toEqual({});
    expect(mandateProblems({ ...mandate, start: '2030-02-30' }, '2030-01-01').start).toBe(
      'lifecycle.badDate',
    );
  });

  it('drafts the next mandate from today, as long as the last one', () => {
    expect(nextMandateDraft(mandate, '2030-05-01')).toEqual({
      ...mandate,
      start: '2030-05-01',
      end: '2030-07-29',
    });
  });
});

describe('timeline', () => {
  it('lists earlier mandates oldest first, then the current one with its summary once closed', () => {
    const s = space({
      state: 'dormant',
      stateChangedAt: '2030-04-01T04:00:00Z',
      closing: { outcomes: 'o', deliverables: 'd', lessons: 'l' },
      mandates: [
        { ...mandate, start: '2029-01-01', end: '2029-06-30', endedAt: '2029-07-01T04:00:00Z' },
      ],
    });
    const items = timeline(s);
    expect(items.map((i) => i.mandate.start)).toEqual(['2029-01-01', '2030-01-01']);
    expect(items[1]).toMatchObject({ current: false, endedAt: '2030-04-01T04:00:00Z' });
    expect(items[1]?.closing?.lessons).toBe('l');
    expect(timeline(space({}))[0]?.current).toBe(true);
  });
});

describe('formatBytes', () => {
  it('counts in the units people read', () => {
    expect(formatBytes(512, 'fr')).toBe('512 o');
    expect(formatBytes(1536, 'en')).toBe('1.5 Ko');
  });
});
