import { describe, expect, it } from 'vitest';
import {
  decodeMentions,
  encodeMentions,
  insertMention,
  matchMembers,
  mentionQuery,
} from './mentions';
import { clearTyping, noteTyping, TypingThrottle, typingIn } from './typing';

const people = [
  { id: 'u1', name: 'Marie Tremblay' },
  { id: 'u2', name: 'Olivier Lavoie' },
  { id: 'u3', name: 'Éloïse Martin' },
  { id: 'u4', name: 'Jean-Marc Roy' },
  { id: 'u5', name: 'Marie' },
];

describe('mention completion', () => {
  it('finds the query before the caret', () => {
    expect(mentionQuery('Salut @mar', 10)).toEqual({ start: 6, query: 'mar' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('Salut @Marie T', 14)).toEqual({ start: 6, query: 'Marie T' });
    expect(mentionQuery('courriel@cctt', 13)).toBeNull();
    expect(mentionQuery('@ab\ncd', 6)).toBeNull();
    expect(mentionQuery('sans arobase', 5)).toBeNull();
  });

  it('matches names by start, then word start, then inside, ignoring case and accents', () => {
    expect(matchMembers(people, 'mar').map((m) => m.id)).toEqual(['u5', 'u1', 'u3', 'u4']);
    expect(matchMembers(people, 'eloi').map((m) => m.id)).toEqual(['u3']);
    expect(matchMembers(people, 'roy').map((m) => m.id)).toEqual(['u4']);
    expect(matchMembers(people, 'vie').map((m) => m.id)).toEqual(['u2']);
    expect(matchMembers(people, '', 2)).toHaveLength(2);
    expect(matchMembers(people, 'zzz')).toEqual([]);
  });

  it('inserts the chosen name and encodes it for the server', () => {
    const typed = 'Merci @mar';
    const done = insertMention(typed, 6, typed.length, people[0]!);
    expect(done).toEqual({ text: 'Merci @Marie Tremblay ', caret: 22 });
    expect(encodeMentions(done.text + 'et @Marie !', people)).toBe('Merci <@u1> et <@u5> !');
    expect(encodeMentions('mail@Marie Tremblay', people)).toBe('mail@Marie Tremblay');
    expect(decodeMentions('Merci <@u1> et <@zz>', people)).toBe('Merci @Marie Tremblay et <@zz>');
  });
});

describe('typing', () => {
  it('sends at most one frame per interval and channel', () => {
    const throttle = new TypingThrottle(2000);
    expect(throttle.shouldSend('c', 0)).toBe(true);
    expect(throttle.shouldSend('c', 1500)).toBe(false);
    expect(throttle.shouldSend('d', 1500)).toBe(true);
    expect(throttle.shouldSend('c', 2000)).toBe(true);
    throttle.reset('c');
    expect(throttle.shouldSend('c', 2100)).toBe(true);
  });

  it('shows people for a few seconds after their last frame', () => {
    let map = noteTyping(new Map(), 'c', 'u1', 0);
    map = noteTyping(map, 'c', 'u2', 1000);
    expect(typingIn(map, 'c', 2000, 5000)).toEqual(['u1', 'u2']);
    expect(typingIn(map, 'c', 5500, 5000)).toEqual(['u2']);
    expect(typingIn(clearTyping(map, 'c', 'u2'), 'c', 2000, 5000)).toEqual(['u1']);
    expect(typingIn(map, 'other', 0)).toEqual([]);
  });
});
