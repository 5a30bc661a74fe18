import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_THEMES, ThemeError, initialThemeName, loadTheme, validateTheme } from '../../src/ui/theme/load-theme.js';
import { severityColor, severityGlyph, severityLabel } from '../../src/ui/theme/severity.js';

const dirs: string[] = [];
function userDir(files: Record<string, string>) {
  const base = mkdtempSync(join(tmpdir(), 'podscope-theme-'));
  dirs.push(base);
  const themes = join(base, 'podscope', 'themes');
  mkdirSync(themes, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(themes, name), text);
  return { XDG_CONFIG_HOME: base };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const validPalette = {
  text: 'white', muted: 'gray', accent: 'cyan', selection: '#005f87', selectionText: 'whiteBright',
  border: 'gray', ok: 'green', warning: 'yellow', error: 'red', info: 'blue',
};

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ThemeError);
    return (e as Error).message;
  }
  throw new Error('expected a ThemeError');
}

describe('themes', () => {
  it('every built-in theme loads and validates', () => {
    for (const name of BUILTIN_THEMES) {
      const t = loadTheme(name, { env: {} });
      expect(t.name).toBe(name);
      expect(t.mono).toBe(name === 'mono');
    }
  });

  it('a user theme from $XDG_CONFIG_HOME/podscope/themes wins, and can be new', () => {
    const env = userDir({ 'solar.json': JSON.stringify({ name: 'solar', palette: { ...validPalette, accent: '#b58900' } }) });
    expect(loadTheme('solar', { env }).palette.accent).toBe('#b58900');
  });

  it('bad themes give one clear line', () => {
    const env = userDir({
      'broken.json': '{ "palette": ',
      'partial.json': JSON.stringify({ palette: { ...validPalette, error: undefined } }),
      'odd.json': JSON.stringify({ palette: { ...validPalette, ok: 'chartreuse-ish' } }),
      'extra.json': JSON.stringify({ palette: { ...validPalette, sparkle: 'red' } }),
    });
    expect(message(() => loadTheme('broken', { env }))).toMatch(/^theme broken: .*broken\.json is not valid JSON/);
    expect(message(() => loadTheme('partial', { env }))).toMatch(/palette\.error is missing/);
    expect(message(() => loadTheme('odd', { env }))).toMatch(/palette\.ok "chartreuse-ish" is not a colour/);
    expect(message(() => loadTheme('extra', { env }))).toMatch(/unknown palette key "sparkle"/);
    expect(message(() => loadTheme('nope', { env }))).toMatch(/^unknown theme "nope": built-in themes are default, light, high-contrast, mono/);
    expect(message(() => loadTheme('../../etc/passwd', { env }))).toMatch(/a theme name is letters/);
    for (const m of [message(() => loadTheme('broken', { env })), message(() => validateTheme([], 'x', 'x'))]) expect(m).not.toContain('\n');
  });

  it('NO_COLOR picks mono unless a theme is asked for', () => {
    expect(initialThemeName(undefined, { NO_COLOR: '1' })).toBe('mono');
    expect(initialThemeName(undefined, {})).toBe('default');
    expect(initialThemeName('light', {})).toBe('light');
  });

  it('severity has a glyph and a word, not only a colour', () => {
    const t = loadTheme('default', { env: {} });
    expect([severityGlyph('error'), severityGlyph('warning'), severityGlyph('info')]).toEqual(['✖', '▲', '●']);
    expect(severityLabel('warning')).toBe('warning');
    expect(severityColor(t, 'error')).toBe(t.palette.error);
    expect(severityColor(loadTheme('mono', { env: {} }), 'error')).toBe('');
  });
});
