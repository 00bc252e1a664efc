import { describe, expect, it } from 'vitest';
import { handleOf, mentionHandles, splitMentions } from '@/lib/domain/mentions';

describe('mentions', () => {
  it('finds @handles, lower-cased and distinct, in the order written', () => {
    expect(mentionHandles('@Priya.Shah please check, then @otto and @priya.shah again')).toEqual(['priya.shah', 'otto']);
    expect(mentionHandles('(@ana) and "@bo-b"')).toEqual(['ana', 'bo-b']);
  });

  it('ends a handle before trailing punctuation', () => {
    expect(mentionHandles('Thanks @priya. And @otto, @ana-!')).toEqual(['priya', 'otto', 'ana']);
  });

  it('does not take an e-mail address, a lone @ or @@ for a mention', () => {
    expect(mentionHandles('write to priya@example.com or @ or @@otto or a@b')).toEqual([]);
    expect(mentionHandles('@.dot @-dash')).toEqual([]);
  });

  it('derives a person’s handle from the local part of their e-mail address', () => {
    expect(handleOf('Priya.Shah@Example.com')).toBe('priya.shah');
    expect(handleOf('odd@local@example.com')).toBe('odd@local');
  });

  it('splits text into plain runs and known mentions, leaving unknown handles as text', () => {
    expect(splitMentions('Hi @Priya.Shah, ask @nobody.', new Set(['priya.shah']))).toEqual([
      { text: 'Hi ' },
      { handle: 'priya.shah', text: '@Priya.Shah' },
      { text: ', ask @nobody.' },
    ]);
    expect(splitMentions('no mentions', new Set(['x']))).toEqual([{ text: 'no mentions' }]);
  });
});
