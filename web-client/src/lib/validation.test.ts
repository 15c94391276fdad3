import { describe, expect, it } from 'vitest';
import { isEmail, validateProposal, type ProposalForm } from './validation';

const valid: ProposalForm = {
  name: 'Hydrogène vert',
  issue: 'Stockage',
  objectives: 'Prototype',
  deliverables: 'Rapport',
  start: '2025-01-01',
  end: '2025-06-30',
  squad: '',
  theme: '',
};

describe('validateProposal', () => {
  it('accepts a complete proposal', () => {
    expect(validateProposal(valid)).toEqual({});
  });

  it('names every missing field', () => {
    const problems = validateProposal({ ...valid, name: ' ', issue: '', start: '' });
    expect(Object.keys(problems).sort()).toEqual(['issue', 'name', 'start']);
    expect(problems.name?.key).toBe('validation.required');
  });

  it('wants the end after the start, and real dates', () => {
    expect(validateProposal({ ...valid, end: '2024-12-31' }).end?.key).toBe(
      'validation.endBeforeStart',
    );
    expect(validateProposal({ ...valid, end: '2025-02-30' }).end?.key).toBe('validation.date');
  });

  it('limits the name length', () => {
    expect(validateProposal({ ...valid, name: 'x'.repeat(201) }).name).toEqual({
      key: 'validation.tooLong',
      params: { max: 200 },
    });
    expect(validateProposal({ ...valid, issue: 'x'.repeat(2001) }).issue?.key).toBe(
      'validation.tooLong',
    );
  });
});

describe('isEmail', () => {
  it('tells addresses from other text', () => {
    expect(isEmail('marie.tremblay@cctt.example')).toBe(true);
    expect(isEmail('marie')).toBe(false);
    expect(isEmail('a b@c.d')).toBe(false);
  });
});
