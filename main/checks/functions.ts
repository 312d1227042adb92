// Functions added to CEL's standard ones, for proto3 JSON. In that form int64/uint64 fields are
// strings ("12") and every other number is a JSON number, which CEL sees as a double. CEL
// already compares double with int both ways (`response.age > 18` works for a JSON number), but
// its arithmetic refuses to mix them (`response.age + 1` has no overload), and it cannot compare a
// string with a number. So:
//   num(x)            → double, from a double, an int, a uint or a numeric string ("12", "-3.5",
//                       "1e3"): `num(response.id) > 5`, `num(response.total) >= 9.99`
//   int("12")         → standard CEL already: `int(response.id) > 5` for an int64 field
//   double ± * / int  → double, and int ± * / double → double (CEL itself would refuse both)
//   list + list       → the same lists, built so `map`/`filter` stay linear (list-append.ts)
import { celFunc, CelScalar, isCelUint, type CelFunc } from '@bufbuild/cel';
import { listAppend } from './list-append.js';

const { DOUBLE, INT, UINT, STRING } = CelScalar;

/** A JSON number written as text, as proto3 JSON writes int64 and as CEL's double() reads. */
const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function numberFromText(text: string): number {
  if (!NUMERIC_TEXT.test(text)) throw new Error(`num(): "${text.slice(0, 40)}" is not a number`);
  return Number(text);
}

function numFuncs(): CelFunc[] {
  return [
    celFunc('num', [DOUBLE], DOUBLE, (x) => x),
    celFunc('num', [INT], DOUBLE, (x) => Number(x)),
    celFunc('num', [UINT], DOUBLE, (x) => Number(isCelUint(x) ? x.value : x)),
    celFunc('num', [STRING], DOUBLE, numberFromText),
  ];
}

type Arith = (a: number, b: number) => number;
const ARITHMETIC: readonly [string, Arith][] = [
  ['_+_', (a, b) => a + b],
  ['_-_', (a, b) => a - b],
  ['_*_', (a, b) => a * b],
  ['_/_', (a, b) => a / b],
];

function mixedArithmetic(): CelFunc[] {
  return ARITHMETIC.flatMap(([name, op]) => [
    celFunc(name, [DOUBLE, INT], DOUBLE, (a, b) => op(a, Number(b))),
    celFunc(name, [INT, DOUBLE], DOUBLE, (a, b) => op(Number(a), b)),
  ]);
}

/** What main/checks registers on top of CEL's standard library. */
export function checkFunctions(): CelFunc[] {
  return [...numFuncs(), ...mixedArithmetic(), listAppend()];
}
