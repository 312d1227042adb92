// Values computed per use: `{{$uuid}}`, `{{$timestamp}}`, `{{$isoTimestamp}}`, `{{$randomInt}}`.
import { randomInt, randomUUID } from 'node:crypto';

export const DYNAMIC_NAMES = ['$uuid', '$timestamp', '$isoTimestamp', '$randomInt'] as const;

export function dynamicValue(name: string, now: () => Date = () => new Date()): string | undefined {
  switch (name) {
    case '$uuid':
      return randomUUID();
    case '$timestamp':
      return String(Math.floor(now().getTime() / 1000));
    case '$isoTimestamp':
      return now().toISOString();
    case '$randomInt':
      return String(randomInt(0, 1001));
    default:
      return undefined;
  }
}
