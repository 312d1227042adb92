// Where the active tab's schema comes from: reflection on its server (with headers sent only to
// reflection), proto files with import paths, or descriptor sets. Lists are typed one per line and
// reach the draft only when they make a valid source (at least one file).
import { useState } from 'react';
import type { MetadataRow, SchemaSourceSpec } from '../../shared/request/index.js';
import { MetadataRows } from './MetadataRows.js';

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
  const edit = (patch: Partial<SourceText>): void => {
    const next = { ...text, ...patch };
    setText(next);
    onChange(specOf(next));
  };
  const r = specOf(text);
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
      {'problem' in r && <p className="muted">{r.problem}.</p>}
    </fieldset>
  );
}
