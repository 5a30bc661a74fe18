import { describe, expect, it } from 'vitest';
import { LogBuffer, searchLines } from '../../src/ui/logs/log-buffer.js';
import { objectYamlLines } from '../../src/ui/yaml/yaml-text.js';
import { wordWrap } from '../../src/ui/components/word-wrap.js';
import { wrapLine } from '../../src/ui/components/ScrollText.js';

describe('LogBuffer', () => {
  it('joins lines split across chunks and makes them inert', () => {
    const b = new LogBuffer();
    b.append('first li');
    b.append('ne\nsecond\x1b[31m red\r\nthi');
    expect(b.all()).toEqual(['first line', 'second\\x1b[31m red', 'thi']);
    b.append('rd\n');
    expect(b.all()).toEqual(['first line', 'second\\x1b[31m red', 'third']);
  });

  it('keeps only the newest lines', () => {
    const b = new LogBuffer(3);
    b.append('1\n2\n3\n4\n5\n');
    expect(b.all()).toEqual(['3', '4', '5']);
    expect(b.dropped).toBe(2);
  });

  it('searches case-insensitively', () => {
    expect(searchLines(['GET /', 'bind: address already in use', 'Error'], 'ERROR')).toEqual([2]);
    expect(searchLines(['a'], '')).toEqual([]);
  });
});

describe('objectYamlLines', () => {
  const obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'x', labels: { evil: 'a\u202eb' }, managedFields: [{ manager: 'kubectl' }] },
  };

  it('hides managedFields unless asked', () => {
    expect(objectYamlLines(obj, false).join('\n')).not.toContain('managedFields');
    expect(objectYamlLines(obj, true).join('\n')).toContain('manager: kubectl');
  });

  it('sanitises every line', () => {
    const text = objectYamlLines(obj, false).join('\n');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\u202e');
  });
});

describe('wrapping', () => {
  it('wraps words and long lines', () => {
    expect(wordWrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wordWrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLine('abcdef', 4)).toEqual(['abcd', 'ef']);
  });
});
