// Where the active tab's schema comes from: reflection on its server (with headers sent only to
// reflection), proto files with import paths, or descriptor sets. Files are chosen with "Browse…"
// (the file browser over the engine's machine) or typed one per line; they reach the draft only
// when they make a valid source (at least one file). A relative path says where it starts.
import { useState } from 'react';
import type { MetadataRow, SchemaSourceSpec } from '../../shared/request/index.js';
import { MetadataRows } from './MetadataRows.js';
import type { FileKind } from '../layout/FileBrowser.js';
import { folderOf, isAbsolutePath, useFileChooser } from '../layout/useFileChooser.js';
import { useWb } from '../store/useWorkbench.js';

type ListField = 'protoFiles' | 'importPaths' | 'descriptorSets';
const FIELD_KIND: Record<ListField, FileKind> = {
  protoFiles: 'proto',
  importPaths: 'folder',
  descriptorSets: 'descriptorSet',
};

/** Where relative paths of the source start (schema-sources.ts: import paths, then the workspace). */
function RelativeNote({ text, dir }: { text: SourceText; dir: string | null }) {
  const listed =
    text.kind === 'protoFiles'
      ? [...lines(text.protoFiles), ...lines(text.importPaths)]
      : text.kind === 'descriptorSet'
        ? lines(text.descriptorSets)
        : [];
  if (!listed.some((p) => !isAbsolutePath(p))) return null;
  const where = dir ? `the workspace folder ${dir}` : 'the workspace folder';
  return (
    <p className="muted" role="note">
      {text.kind === 'protoFiles' && lines(text.importPaths).length > 0
        ? `Relative .proto files are looked up in the import paths first, then in ${where}; relative import paths start in ${where}.`
        : `Relative paths start in ${where}.`}
    </p>
  );
}

type Kind = SchemaSourceSpec['kind'];

interface SourceText {
  kind: Kind;
  reflectionMetadata: MetadataRow[];
  protoFiles: string;
  importPaths: string;
  descriptorSets: string;
}

const lines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export function sourceText(spec: SchemaSourceSpec | undefined): SourceText {
  return {
    kind: spec?.kind ?? 'reflection',
    reflectionMetadata: spec?.kind === 'reflection' ? (spec.metadata ?? []) : [],
    protoFiles: spec?.kind === 'protoFiles' ? spec.files.join('\n') : '',
    importPaths: spec?.kind === 'protoFiles' ? spec.importPaths.join('\n') : '',
    descriptorSets: spec?.kind === 'descriptorSet' ? spec.files.join('\n') : '',
  };
}

/** The source the text describes (undefined: plain reflection), or what is missing. */
export type SourceResult = { spec: SchemaSourceSpec | undefined } | { problem: string };

export function specOf(t: SourceText): SourceResult {
  switch (t.kind) {
    case 'reflection':
      return {
        spec:
          t.reflectionMetadata.length > 0
            ? { kind: 'reflection', metadata: t.reflectionMetadata }
            : undefined,
      };
    case 'protoFiles': {
      const files = lines(t.protoFiles);
      if (files.length === 0) return { problem: 'Name at least one .proto file' };
      return { spec: { kind: 'protoFiles', files, importPaths: lines(t.importPaths) } };
    }
    case 'descriptorSet': {
      const files = lines(t.descriptorSets);
      if (files.length === 0) return { problem: 'Name at least one descriptor set file' };
      return { spec: { kind: 'descriptorSet', files } };
    }
  }
}

export function SchemaSourceFields({
  initial,
  onChange,
}: {
  initial: SchemaSourceSpec | undefined;
  /** Told the source (or what it lacks) as it is typed. */
  onChange: (result: SourceResult) => void;
}) {
  const [text, setText] = useState(() => sourceText(initial));
  const chooser = useFileChooser();
  const workspaceDir = useWb((s) => s.workspaceDir);
  const edit = (patch: Partial<SourceText>): void => {
    const next = { ...text, ...patch };
    setText(next);
    onChange(specOf(next));
  };
  const r = specOf(text);
  const browse = (field: ListField, label: string) => (
    <button type="button" className="small browse" onClick={() => void choose(field)}>
      Browse… <span className="visually-hidden">{label}</span>
    </button>
  );
  const addPaths = (field: ListField, paths: string[]): void => {
    const have = lines(text[field]);
    edit({ [field]: [...have, ...paths.filter((p) => !have.includes(p))].join('\n') });
  };
  const startIn = (field: ListField): string | undefined => {
    const first = lines(text[field]).find(isAbsolutePath);
    return first === undefined ? undefined : field === 'importPaths' ? first : folderOf(first);
  };
  const choose = (field: ListField): Promise<void> =>
    chooser.choose({
      kind: FIELD_KIND[field],
      multiple: field !== 'importPaths',
      start: startIn(field),
      onChoose: (paths) => addPaths(field, paths),
    });
  return (
    <fieldset>
      <legend>Schema source</legend>
      <label className="row">
        Source
        <select
          aria-label="Schema source"
          value={text.kind}
          onChange={(e) => edit({ kind: e.target.value as Kind })}
        >
          <option value="reflection">Server reflection</option>
          <option value="protoFiles">Proto files</option>
          <option value="descriptorSet">Descriptor set</option>
        </select>
      </label>
      {text.kind === 'reflection' && (
        <MetadataRows
          label="Reflection metadata"
          rows={text.reflectionMetadata}
          onChange={(rows) => edit({ reflectionMetadata: rows })}
        />
      )}
      {text.kind === 'protoFiles' && (
        <>
          <label className="row">
            Proto files
            <textarea
              aria-label="Proto files"
              className="mono"
              rows={3}
              placeholder="one path per line"
              value={text.protoFiles}
              onChange={(e) => edit({ protoFiles: e.target.value })}
            />
          </label>
          {browse('protoFiles', 'for proto files')}
          <label className="row">
            Import paths
            <textarea
              aria-label="Import paths"
              className="mono"
              rows={2}
              placeholder="one folder per line"
              value={text.importPaths}
              onChange={(e) => edit({ importPaths: e.target.value })}
            />
          </label>
          {browse('importPaths', 'for an import path')}
        </>
      )}
      {text.kind === 'descriptorSet' && (
        <label className="row">
          Descriptor set files
          <textarea
            aria-label="Descriptor set files"
            className="mono"
            rows={2}
            placeholder="/path/set.protoset (one per line)"
            value={text.descriptorSets}
            onChange={(e) => edit({ descriptorSets: e.target.value })}
          />
        </label>
      )}
      {text.kind === 'descriptorSet' && browse('descriptorSets', 'for descriptor set files')}
      <RelativeNote text={text} dir={workspaceDir} />
      {chooser.problem && (
        <p className="error-text" role="alert">
          {chooser.problem}
        </p>
      )}
      {chooser.browser}
      {'problem' in r && <p className="muted">{r.problem}.</p>}
    </fieldset>
  );
}
