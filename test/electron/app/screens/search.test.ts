import { describe, expect, it } from 'vitest';
import { compileQuery, ScreenLinesCache, searchScrollbacks } from '../../../../electron/app/screens/search';
import { screenLines } from '../../../../electron/app/screens/screen-text';
import { MAX_QUERY_CHARS } from '../../../../shared/model/screens';

const plain = { regex: false, wholeWord: false, caseSensitive: false };
const sources = [
  { sessionId: 's1', host: 'web-01', text: 'sre@web-01:~$ df -h /\r\n/dev/vda1  40G  12G  28G  30% /\r\nError: \x1b[31mTimeout\x1b[0m\r\n' },
  { sessionId: 's2', host: 'web-02', text: 'sre@web-02:~$ df -h /\r\n/dev/vda1  40G  40G  0  100% /\r\nerror: timeout\r\nerrors: 2\r\n' },
  { sessionId: 's3', host: 'db-01', text: 'nothing here\r\n' },
].map((s) => ({ ...s, lines: screenLines(s.text) }));

describe('search across scrollbacks', () => {
  it('finds text on ANSI-stripped lines, per host with counts, most first', () => {
    const hits = searchScrollbacks(sources, '100%', plain);
    expect(hits).toEqual([{ sessionId: 's2', host: 'web-02', count: 1, lines: [{ n: 1, text: '/dev/vda1  40G  40G  0  100% /' }] }]);
    // The colour codes inside "Timeout" do not hide it.
    expect(searchScrollbacks(sources, 'error: timeout', plain).map((h) => [h.host, h.count])).toEqual([['web-01', 1], ['web-02', 1]]);
  });

  it('honours case, whole word and regular expressions', () => {
    expect(searchScrollbacks(sources, 'Error', { ...plain, caseSensitive: true }).map((h) => h.host)).toEqual(['web-01']);
    expect(searchScrollbacks(sources, 'error', plain).map((h) => [h.host, h.count])).toEqual([['web-02', 2], ['web-01', 1]]);
    expect(searchScrollbacks(sources, 'error', { ...plain, wholeWord: true }).map((h) => [h.host, h.count])).toEqual([['web-01', 1], ['web-02', 1]]);
    expect(searchScrollbacks(sources, '\\b(?:[5-9]\\d|100)%', { ...plain, regex: true }).map((h) => h.host)).toEqual(['web-02']);
    // As plain text, regex characters mean themselves.
    expect(searchScrollbacks(sources, '(?:', plain)).toEqual([]);
  });

  it('cooks a scrollback again only once its text changed', () => {
    const cache = new ScreenLinesCache();
    const first = cache.lines('s1', 'a\r\nb\r\n');
    expect(cache.lines('s1', 'a\r\nb\r\n')).toBe(first);
    expect(cache.lines('s1', 'a\r\nb\r\nc')).toEqual(['a', 'b', 'c']);
    cache.retain(new Set());
    expect(cache.lines('s1', 'a\r\nb\r\nc')).not.toBe(first);
  });

  it('refuses catastrophic, invalid and too-long patterns with the reason', () => {
    expect(() => compileQuery('(a+)+$', { ...plain, regex: true })).toThrow(/backtrack catastrophically/);
    expect(() => compileQuery('(x', { ...plain, regex: true })).toThrow(/not a valid regular expression/);
    expect(() => compileQuery('a'.repeat(MAX_QUERY_CHARS + 1), plain)).toThrow(`at most ${MAX_QUERY_CHARS}`);
    expect(() => compileQuery('', plain)).toThrow(/empty/);
    expect(compileQuery('(a+)+$', plain).test('(a+)+$')).toBe(true);
  });
});
