// The request's snapshot setting as the Tests section edits it (issue 15 §3): on or off, and the
// field paths the comparison leaves out. Off is no `snapshot` field at all, so a request that
// never had one saves byte for byte as before; an empty ignore list is left out the same way.
import type { SnapshotSetting } from '../../shared/request/checks.js';

/** The setting with `ignore` written only when it has paths. */
export function snapshotWith(ignore: readonly string[]): SnapshotSetting {
  return ignore.length > 0 ? { ignore: [...ignore] } : {};
}

/** Ticking keeps no paths (there were none); unticking drops the field and its paths. */
export function snapshotToggled(on: boolean): SnapshotSetting | undefined {
  return on ? snapshotWith([]) : undefined;
}

/** A path added at the end; a blank one (or one already there) adds nothing. */
export function ignoreAdded(setting: SnapshotSetting, path: string): SnapshotSetting {
  const ignore = setting.ignore ?? [];
  const trimmed = path.trim();
  if (trimmed === '' || ignore.includes(trimmed)) return setting;
  return snapshotWith([...ignore, trimmed]);
}

export function ignoreRemoved(setting: SnapshotSetting, index: number): SnapshotSetting {
  return snapshotWith((setting.ignore ?? []).filter((_, i) => i !== index));
}

/** Path `index` retyped (kept as typed: the field shows what the user wrote). */
export function ignoreEdited(
  setting: SnapshotSetting,
  index: number,
  path: string,
): SnapshotSetting {
  return snapshotWith((setting.ignore ?? []).map((p, i) => (i === index ? path : p)));
}
