import { describe, expect, it } from 'vitest';
import { documentFromMessage, worthADocument } from './fromMessage';

describe('documentFromMessage', () => {
  it('takes the first words as the title and links back to the message', () => {
    const d = documentFromMessage(
      '## Idées pour le séchoir\n- isoler la porte',
      'Marie Tremblay',
      '/spaces/s1/discussions/general?message=m1',
      'https://atelier.example',
    );
    expect(d.title).toBe('Idées pour le séchoir');
    expect(d.text).toContain('- isoler la porte');
    expect(d.text).toContain(
      '[un message de Marie Tremblay](https://atelier.example/spaces/s1/discussions/general?message=m1)',
    );
  });

  it('shortens a long first line and names an empty one', () => {
    expect(documentFromMessage('x'.repeat(200), 'A', '/m', '').title).toHaveLength(80);
    expect(documentFromMessage('***', 'A', '/m', '').title).toBe('Document');
  });

  it('offers only messages of several lines, or long ones', () => {
    expect(worthADocument('Merci !')).toBe(false);
    expect(worthADocument('Ordre du jour\n- budget')).toBe(true);
    expect(worthADocument('x'.repeat(200))).toBe(true);
  });
});
