/**
 * How VS Code starts the language server: the node flags and environment the extension
 * passes to the server process. Kept apart from extension.ts (which needs `vscode`) so the
 * bench can start the server exactly the same way and measure what users get.
 */

/**
 * A 4 MB semi-space instead of V8's 16 MB: the young generation stays resident at its
 * largest, and at 4 MB the server measured 112 MB instead of 129 MB with the sample open
 * and 277 MB instead of 329 MB at peak on a 1 MB document after 1,000 edits (bench memory
 * section), with the same keystroke latency (medians of three alternating runs, within
 * 2%). It limits only the young generation, never the heap, so no document is too large
 * to open.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

/** Variables added to the environment the server inherits. */
export const SERVER_ENV: Readonly<Record<string, string>> = {};
