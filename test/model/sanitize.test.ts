import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLogLine } from '../../src/model/sanitize.js';

describe('sanitize', () => {
  it('leaves ordinary text alone, including CJK and emoji', () => {
    expect(sanitize('web-7d4b9c-x2x7p')).toBe('web-7d4b9c-x2x7p');
    expect(sanitize('日本語 🚀')).toBe('日本語 🚀');
  });

  it('makes ESC, CSI and OSC sequences inert', () => {
    expect(sanitize('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(sanitize('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(sanitize('a\x9b2Jb')).toBe('a\\x9b2Jb');
  });

  it('escapes every C0 control, DEL and C1 control', () => {
    for (let c = 0; c < 0x20; c++) expect(sanitize(String.fromCharCode(c))).toMatch(/^\\/);
    expect(sanitize('\x7f')).toBe('\\x7f');
    for (let c = 0x80; c <= 0x9f; c++) expect(sanitize(String.fromCharCode(c))).toBe(`\\x${c.toString(16)}`);
    expect(sanitize('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(sanitize('nul\x00')).toBe('nul\\x00');
  });

  it('escapes bidi overrides and isolates', () => {
    expect(sanitize('abc\u202egnp.exe')).toBe('abc\\u202egnp.exe');
    expect(sanitize('\u2066x\u2069')).toBe('\\u2066x\\u2069');
    expect(sanitize('\u202a\u202b\u202c\u202d')).toBe('\\u202a\\u202b\\u202c\\u202d');
  });

  it('turns non-strings into text safely', () => {
    expect(sanitize(null)).toBe('');
    expect(sanitize(undefined)).toBe('');
    expect(sanitize(42)).toBe('42');
    expect(sanitize(true)).toBe('true');
    expect(sanitize(Object.create(null))).toBe('');
    expect(sanitize({ toString: () => 'x\x1by' })).toBe('x\\x1by');
  });

  it('truncates with an ellipsis, by code point', () => {
    expect(sanitize('abcdefgh', 5)).toBe('abcd…');
    expect(sanitize('abc', 5)).toBe('abc');
    expect(sanitize('🚀🚀🚀🚀', 3)).toBe('🚀🚀…');
    expect(sanitize('\x1b', 3)).toBe('\\x…');
  });
});

describe('sanitizeLogLine', () => {
  it('expands tabs to 8-column stops and escapes the rest', () => {
    expect(sanitizeLogLine('a\tb')).toBe('a       b');
    expect(sanitizeLogLine('\tx')).toBe('        x');
    expect(sanitizeLogLine('level=info\x1b[2J msg')).toBe('level=info\\x1b[2J msg');
  });
});
