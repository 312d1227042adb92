// "Port" for a server the workbench starts (the demo server, a mock): empty means any free port;
// what is typed is remembered for next time, and a value that is not a port says so.
import { useId, useState } from 'react';
import { parsePort, rememberPort, rememberedPort, type PortUse } from './ports.js';

export function PortField({ use, label }: { use: PortUse; label: string }) {
  const [text, setText] = useState(() => {
    const p = rememberedPort(use);
    return p === 0 ? '' : String(p);
  });
  const problem = useId();
  const bad = parsePort(text) === undefined;
  return (
    <label className="port-field">
      {label}
      <input
        inputMode="numeric"
        className="mono"
        size={6}
        placeholder="any"
        value={text}
        aria-invalid={bad}
        aria-describedby={bad ? problem : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const port = parsePort(e.target.value);
          if (port !== undefined) rememberPort(use, port);
        }}
      />
      {bad && (
        <span id={problem} className="error-text" role="alert">
          A port is a number from 1 to 65535 (empty: any free port)
        </span>
      )}
    </label>
  );
}
