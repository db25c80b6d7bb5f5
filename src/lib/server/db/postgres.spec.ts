/** DATABASE_URL: the password never shown, and what is wrong named. */
import { describe, expect, it } from 'vitest';
import { checkPostgresUrl, isPostgresUrl, redactUrl } from './postgres';

describe('PostgreSQL URLs', () => {
  it('hide the password and name what is wrong', () => {
    expect(redactUrl('postgres://hozen:s3cr%40t@db.example:5432/hozen')).toBe(
      'postgres://hozen:***@db.example:5432/hozen'
    );
    expect(redactUrl('postgres://hozen@db/hozen')).toBe('postgres://hozen@db/hozen');
    expect(() => checkPostgresUrl('postgres://hozen:pw@db.example:5432/')).toThrow(
      'DATABASE_URL postgres://hozen:***@db.example:5432/: names no database'
    );
    expect(() => checkPostgresUrl('mysql://hozen:pw@db/hozen')).toThrow(/only postgres:\/\/ URLs/);
    expect(isPostgresUrl('postgresql://db/hozen')).toBe(true);
    expect(isPostgresUrl('db/hozen.sqlite')).toBe(false);
  });
});
