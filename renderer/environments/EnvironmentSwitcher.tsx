// The top bar's environment choice and the way into the editor.
import { useWb, useStoreApi } from '../store/useWorkbench.js';
import { EnvironmentEditor } from './EnvironmentEditor.js';
import { UnknownVariablesNote } from './UnknownVariablesNote.js';
import { CapturedValuesButton } from '../checks/CapturedValues.js';

export function EnvironmentSwitcher() {
  const store = useStoreApi();
  const environments = useWb((s) => s.environments);
  const selected = useWb((s) => s.selectedEnvironment);
  const editorOpen = useWb((s) => s.envEditorOpen);
  return (
    <>
      <UnknownVariablesNote />
      <select
        aria-label="Environment"
        value={selected ?? ''}
        onChange={(e) =>
          void store.getState().selectEnvironment(e.target.value === '' ? null : e.target.value)
        }
      >
        <option value="">No environment</option>
        {environments.map((env) => (
          <option
            key={env.name}
            value={env.name}
            disabled={env.error !== undefined}
            title={env.error}
          >
            {env.error !== undefined ? `${env.name} (broken)` : env.name}
          </option>
        ))}
      </select>
      <button onClick={() => store.getState().setEnvEditorOpen(true)}>Environments…</button>
      <CapturedValuesButton />
      {editorOpen && <EnvironmentEditor />}
    </>
  );
}
