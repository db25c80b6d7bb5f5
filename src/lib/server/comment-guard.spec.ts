import { describe, expect, it } from 'vitest';
import { addressHash, checkChallenge, issueChallenge } from './comment-guard';

const secret = 'test-secret';
const sumOf = (q: string) =>
  String(
    /(\d+) たす (\d+)/
      .exec(q)!
      .slice(1)
      .reduce((s, d) => s + Number(d), 0)
  );

describe('the comment form’s check question', () => {
  const at = 1_800_000_000_000;
  const c = issueChallenge(secret, 7, at);
  const answer = sumOf(c.question.ja);

  it('asks the same sum in both languages and keeps the answer out of the token', () => {
    expect(c.question.en).toMatch(/^What is \d plus \d\?$/);
    expect(c.token.split('.')).toHaveLength(4);
    expect(c.token.split('.').slice(0, 3).join('.')).not.toContain(`.${answer}`);
  });

  it('takes the right answer after a few seconds, in half- or full-width digits', () => {
    expect(checkChallenge(secret, 7, c.token, answer, at + 5_000)).toEqual({
      nonce: c.token.split('.')[1]
    });
    const wide = answer.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(checkChallenge(secret, 7, c.token, ` ${wide} `, at + 5_000)).toHaveProperty('nonce');
  });

  it('refuses a wrong answer, another consultation, another key, a changed token or time', () => {
    const refused = (r: object) => expect(r).toHaveProperty('refused');
    refused(checkChallenge(secret, 7, c.token, String(Number(answer) + 1), at + 5_000));
    refused(checkChallenge(secret, 8, c.token, answer, at + 5_000));
    refused(checkChallenge('other', 7, c.token, answer, at + 5_000));
    const [id, nonce, , mac] = c.token.split('.');
    refused(checkChallenge(secret, 7, `${id}.${nonce}.${at - 60_000}.${mac}`, answer, at + 5_000));
    refused(checkChallenge(secret, 7, 'garbage', answer, at + 5_000));
    refused(checkChallenge(secret, 7, c.token, '', at + 5_000));
  });

  it('refuses a form sent within three seconds or after two hours', () => {
    expect(checkChallenge(secret, 7, c.token, answer, at + 1_000)).toMatchObject({
      refused: { en: expect.stringMatching(/too quickly/) }
    });
    expect(checkChallenge(secret, 7, c.token, answer, at + 2 * 3_600_000 + 1)).toMatchObject({
      refused: { en: expect.stringMatching(/two hours/) }
    });
  });

  it('hashes an address with the secret: the same each time, never the address', () => {
    expect(addressHash(secret, '192.0.2.1')).toBe(addressHash(secret, '192.0.2.1'));
    expect(addressHash(secret, '192.0.2.1')).not.toBe(addressHash('other', '192.0.2.1'));
    expect(addressHash(secret, '192.0.2.1')).not.toContain('192');
  });
});
