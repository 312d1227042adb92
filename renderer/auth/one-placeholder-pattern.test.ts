import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/contract/index.js';
import { authHeaderRow } from '../../shared/grpcurl/auth-header-text.js';
import { newRequest } from '../../shared/request/new-request.js';
import { FolderSettingsValuesSchema } from '../../shared/workspace/folder-settings.js';
import { substituteText } from '../../shared/workspace/placeholders.js';
import { isOnePlaceholder, isPlainSecret, urlHoldsPassword } from '../connection/plain-secret.js';
import { resolvePlainVariables } from './resolve-for-copy.js';

// Issue 14 §5 (one placeholder pattern): "Copy as grpcurl" finds `{{…}}` exactly where the engine
// does (the substitution main/workspace/variables/template.ts re-exports), so what it resolves is
// what a call would send; and the folder settings are declared once.

const doc = (text: string) => ({
  ...newRequest({ address: 'h:1', security: { kind: 'plaintext' as const } }, '/p.S/M'),
  messages: [text],
});

describe('one placeholder pattern', () => {
  it('the copy resolves a text as the engine substitutes it', () => {
    const values = new Map([
      ['1x', 'ONE'],
      ['a b', 'AB'],
      ['x', 'X'],
      ['$x', 'DOLLAR'],
    ]);
    const texts = [
      '{{1x}}',
      '{{a b}}',
      '{{ x }}',
      '{{{x}}',
      '{{x}}}',
      '{{\n\tx\n}}',
      '{{$x}}',
      '{{x} }}',
    ];
    for (const text of texts) {
      const engine = substituteText(text, (name) => values.get(name)).text;
      expect(resolvePlainVariables(doc(text), values).messages[0], text).toBe(engine);
    }
  });

  it('a Basic auth holds a variable only where the engine would substitute one', () => {
    // `{{not a name}}` is literal text to the engine: it is sent as typed, so it can be encoded.
    const literal = authHeaderRow({ type: 'basic', username: '{{not a name}}', password: 'pw' });
    expect(literal).toHaveProperty('row');
    const variable = authHeaderRow({ type: 'basic', username: '{{user}}', password: 'pw' });
    expect(variable).toEqual({ left: 'the Basic auth (its user or password is a {{variable}})' });
  });

  it('the proxy password is plain exactly where the engine would send some of it as typed', () => {
    // Whatever the engine leaves after substituting every name it finds is typed text.
    const MARK = '\u0000';
    const texts = [
      '{{not a name}}',
      '{{pw}}',
      ' {{ pw }} ',
      '{{pw}}x',
      'x',
      '{{a}}{{b}}',
      '{{{pw}}',
      '{{pw} }}',
      '',
    ];
    for (const text of texts) {
      const left = substituteText(text, () => MARK)
        .text.split(MARK)
        .join('');
      expect(isPlainSecret(text), text).toBe(left.trim() !== '');
    }
    expect(isPlainSecret('{{not a name}}')).toBe(true);
    // Shown as text only when it is one name; anything typed is masked.
    expect(isOnePlaceholder('{{proxyPassword}}')).toBe(true);
    expect(isOnePlaceholder('{{not a name}}')).toBe(false);
    expect(isOnePlaceholder('{{a}}{{b}}')).toBe(false);
    expect(isOnePlaceholder('hunter2')).toBe(false);
    // A password in the proxy URL is saved as typed too, unless it is a variable.
    expect(urlHoldsPassword('http://alice:hunter2@proxy:3128')).toBe(true);
    expect(urlHoldsPassword('alice:{{not a name}}@proxy:3128')).toBe(true);
    expect(urlHoldsPassword('http://alice:{{pw}}@proxy:3128')).toBe(false);
    expect(urlHoldsPassword('http://alice@proxy:3128')).toBe(false);
    expect(urlHoldsPassword('http://proxy:3128/a:b@c')).toBe(false);
  });

  it('the folder commands carry the settings schema the file is read with', () => {
    expect(commands['folder.saveSettings'].input.shape.settings).toBe(FolderSettingsValuesSchema);
    expect(commands['folder.readSettings'].output.shape.settings).toBe(FolderSettingsValuesSchema);
  });
});
