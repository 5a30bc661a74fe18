// Themes are JSON files: the built-in ones in the package's themes/ folder, the user's in
// $XDG_CONFIG_HOME/podscope/themes/ (a user theme of the same name wins). A theme file is
// user input: it is validated field by field and a mistake is one clear line, never a crash.
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PALETTE_KEYS, type Palette, type Theme } from './theme.js';
import { installedPackage } from '../../install-root.js';

/** A theme that cannot be used; `message` is the one line to show. */
export class ThemeError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ThemeError';
  }
}

export const BUILTIN_THEMES = ['default', 'light', 'high-contrast', 'mono'] as const;

const BUILTIN_DIR = join(installedPackage().root, 'themes');

const NAMED_COLORS = new Set(
  ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey'].flatMap((c) => [c, `${c}Bright`]),
);
const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export interface ThemeSources {
  /** Environment for XDG_CONFIG_HOME / HOME (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Folder of the built-in themes (tests). */
  builtinDir?: string;
}

function userThemeDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'podscope', 'themes');
}

/** Checks a parsed theme file; `where` names it in messages. */
export function validateTheme(raw: unknown, fallbackName: string, where: string): Theme {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ThemeError(`theme ${where}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  const name = obj.name === undefined ? fallbackName : obj.name;
  if (typeof name !== 'string' || name === '') throw new ThemeError(`theme ${where}: "name" must be a non-empty string`);
  const p = obj.palette;
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new ThemeError(`theme ${where}: "palette" must be an object`);
  const source = p as Record<string, unknown>;
  const palette = {} as Palette;
  for (const key of PALETTE_KEYS) {
    const value = source[key];
    if (typeof value !== 'string') throw new ThemeError(`theme ${where}: palette.${key} is missing (a colour name, #rrggbb, or "")`);
    if (value !== '' && !NAMED_COLORS.has(value) && !HEX.test(value)) {
      throw new ThemeError(`theme ${where}: palette.${key} "${value.slice(0, 40)}" is not a colour (use a name like "red", "#rrggbb", or "")`);
    }
    palette[key] = value;
  }
  for (const key of Object.keys(source)) {
    if (!(PALETTE_KEYS as readonly string[]).includes(key)) throw new ThemeError(`theme ${where}: unknown palette key "${key.slice(0, 40)}"`);
  }
  const mono = PALETTE_KEYS.every((k) => palette[k] === '');
  return { name, palette, mono };
}

function readTheme(file: string, name: string): Theme {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ThemeError(`theme ${name}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ThemeError(`theme ${name}: ${file} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return validateTheme(raw, name, `${name} (${file})`);
}

/** The file a theme name resolves to: the user's theme folder first, then the built-in themes. */
export function themeFile(name: string, sources: ThemeSources = {}): string | undefined {
  const env = sources.env ?? process.env;
  const user = join(userThemeDir(env), `${name}.json`);
  if (existsSync(user)) return user;
  const builtin = join(sources.builtinDir ?? BUILTIN_DIR, `${name}.json`);
  return existsSync(builtin) ? builtin : undefined;
}

/** Loads a theme by name; throws ThemeError with one line when it is unknown or invalid. */
export function loadTheme(name: string, sources: ThemeSources = {}): Theme {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
    throw new ThemeError(`theme "${name.slice(0, 40)}": a theme name is letters, digits, '.', '_' or '-'`);
  }
  const file = themeFile(name, sources);
  if (!file) {
    throw new ThemeError(
      `unknown theme "${name}": built-in themes are ${BUILTIN_THEMES.join(', ')}; add your own as ${join(userThemeDir(sources.env ?? process.env), `${name}.json`)}`,
    );
  }
  return readTheme(file, name);
}

/** The theme to start with: `--theme` if given, mono under NO_COLOR, else default. */
export function initialThemeName(requested: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (requested) return requested;
  if (env.NO_COLOR) return 'mono';
  return 'default';
}
