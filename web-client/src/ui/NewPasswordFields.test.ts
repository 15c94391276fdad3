import { describe, expect, it } from 'vitest';
import { passwordChangeProblems } from './NewPasswordFields';

describe('passwordChangeProblems', () => {
  it('names each field at fault, and nothing when all is right', () => {
    expect(Object.keys(passwordChangeProblems('', 'court', 'autre')).sort()).toEqual([
      'confirm',
      'current',
      'password',
    ]);
    expect(passwordChangeProblems('ancien-mdp', 'nouveau-mdp', 'nouveau-mdp')).toEqual({});
  });

  it('refuses keeping a temporary password only when asked to', () => {
    expect(passwordChangeProblems('temp-1234', 'temp-1234', 'temp-1234', true)).toHaveProperty(
      'password',
    );
    expect(passwordChangeProblems('temp-1234', 'temp-1234', 'temp-1234')).toEqual({});
  });
});
