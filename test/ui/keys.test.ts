import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { displayKey, findBinding, keyNames } from '../../src/ui/keys/keymap.js';
import { editLine } from '../../src/ui/keys/line-edit.js';
import { KeyDispatcher } from '../../src/ui/keys/dispatcher.js';
import { parseCommand } from '../../src/ui/shell/commands.js';
import { podsBindings } from '../../src/ui/pods/bindings.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;
const k = (over: Partial<Key>) => ({ ...none, ...over }) as Key;

describe('keyNames', () => {
  it('splits a chunk of typed keys into names, in order', () => {
    expect(keyNames('jjj', none)).toEqual(['j', 'j', 'j']);
    expect(keyNames('/web\r', none)).toEqual(['/', 'w', 'e', 'b', 'enter']);
    expect(keyNames('G', k({ shift: true }))).toEqual(['G']);
  });

  it('names special keys', () => {
    expect(keyNames('', k({ upArrow: true }))).toEqual(['up']);
    expect(keyNames('', k({ pageDown: true }))).toEqual(['pagedown']);
    expect(keyNames('\r', k({ return: true }))).toEqual(['enter']);
    expect(keyNames('', k({ escape: true, meta: true }))).toEqual(['esc']);
    expect(keyNames('', k({ tab: true, shift: true }))).toEqual(['shift+tab']);
    expect(keyNames('c', k({ ctrl: true }))).toEqual(['ctrl+c']);
    expect(keyNames('', k({ backspace: true }))).toEqual(['backspace']);
    expect(keyNames('a\x7f', none)).toEqual(['a', 'backspace']);
  });

  it('keeps ctrl+letter inside a chunk (ctrl+c typed right after text must quit)', () => {
    expect(keyNames('web\x03', none)).toEqual(['w', 'e', 'b', 'ctrl+c']);
  });

  it('drops stray control characters from a pasted chunk', () => {
    expect(keyNames('a\x00\x9bb', none)).toEqual(['a', 'b']);
  });

  it('finds bindings and shows keys', () => {
    expect(findBinding(podsBindings, 'j')?.command).toBe('down');
    expect(findBinding(podsBindings, 'down')?.command).toBe('down');
    expect(findBinding(podsBindings, 'V')?.command).toBe('sort-advice');
    expect(findBinding(podsBindings, 'z')).toBeUndefined();
    expect(displayKey('enter')).toBe('⏎');
    expect(displayKey('pagedown')).toBe('PgDn');
  });
});

describe('editLine', () => {
  it('types, deletes, submits and cancels', () => {
    expect(editLine('we', 'b')).toEqual({ value: 'web' });
    expect(editLine('web', 'backspace')).toEqual({ value: 'we' });
    expect(editLine('日本', 'backspace')).toEqual({ value: '日' });
    expect(editLine('web', 'enter')).toEqual({ value: 'web', done: 'submit' });
    expect(editLine('web', 'esc')).toEqual({ value: 'web', done: 'cancel' });
    expect(editLine('web', 'ctrl+u')).toEqual({ value: '' });
    expect(editLine('web', 'up')).toEqual({ value: 'web' });
  });
});

describe('KeyDispatcher priorities', () => {
  it('a capture layer takes keys before views; views take their bindings', () => {
    const d = new KeyDispatcher();
    const got: string[] = [];
    let typing = false;
    d.register({ kind: 'view', isActive: () => true, bindings: () => [{ keys: ['/'], command: 'filter', description: '' }, { keys: ['e'], command: 'events', description: '' }], onCommand: (c) => {
      got.push(c);
      if (c === 'filter') typing = true;
    } });
    d.register({ kind: 'capture', isActive: () => typing, onKey: (n) => (got.push(`type ${n}`), true) });
    for (const n of ['e', '/', 'e', 'x']) d.dispatchToViews(n);
    expect(got).toEqual(['events', 'filter', 'type e', 'type x']);
    expect(d.capturing()).toBe(true);
    expect(d.dispatchToViews('q')).toBe(true);
    typing = false;
    expect(d.dispatchToViews('q')).toBe(false);
  });

  it('inactive views get nothing; the newest active view wins', () => {
    const d = new KeyDispatcher();
    const got: string[] = [];
    d.register({ kind: 'view', isActive: () => false, bindings: () => [{ keys: ['j'], command: 'hidden', description: '' }], onCommand: (c) => got.push(c) });
    d.register({ kind: 'view', isActive: () => true, bindings: () => [{ keys: ['j'], command: 'top', description: '' }], onCommand: (c) => got.push(c) });
    d.dispatchToViews('j');
    expect(got).toEqual(['top']);
  });
});

describe(':commands', () => {
  it('parses the SPEC commands', () => {
    expect(parseCommand('ns shop')).toEqual({ name: 'ns', namespace: 'shop' });
    expect(parseCommand('ns all')).toEqual({ name: 'ns', namespace: 'all' });
    expect(parseCommand(' ctx kind-b ')).toEqual({ name: 'ctx', context: 'kind-b' });
    expect(parseCommand('advice')).toEqual({ name: 'advice', all: false });
    expect(parseCommand('advice all')).toEqual({ name: 'advice', all: true });
    expect(parseCommand('theme light')).toEqual({ name: 'theme', theme: 'light' });
    expect(parseCommand('q')).toEqual({ name: 'quit' });
    expect(parseCommand('ns')).toEqual({ error: 'usage: :ns NAME or :ns all' });
    expect(parseCommand('frob')).toMatchObject({ error: expect.stringMatching(/^unknown command ":frob"/) });
  });
});
