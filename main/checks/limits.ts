// The bounds that keep a hostile or careless expression from hanging or crashing the engine.
// @bufbuild/cel 0.6.1 has no cost or depth option of its own (its parser and evaluator recurse
// without a limit, and a comprehension runs as long as its list is long), so these are ours:
// checked before parsing (text), after parsing (tree) and while evaluating (work budget: every
// function call, comprehension step and list or map literal is charged, see env.ts).

/** Brackets `( [ {` open at once: the parser recurses ~15 frames per level and overflows near 500. */
export const MAX_BRACKET_DEPTH = 32;
/** Depth of the parsed tree (a chain `a + a + … + a` is as deep as it is long). */
export const MAX_TREE_DEPTH = 128;
/**
 * Work units one assertion or capture may spend (what is charged: README.md, env.ts, compile.ts).
 * A few seconds of the slowest work at most; an `all` over 50,000 messages spends a fraction.
 */
export const EVALUATION_BUDGET = 5_000_000;
/** Compiled expressions kept (by text); the oldest are dropped past this. */
export const COMPILE_CACHE_SIZE = 2_000;
/** A value shown in a result (what an assertion saw) is cut to this many characters. */
export const SHOWN_VALUE_LENGTH = 200;
