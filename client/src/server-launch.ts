/**
 * How VS Code starts the language server: the node flags and environment the extension
 * passes to the server process. Kept apart from extension.ts (which needs `vscode`) so the
 * bench can start the server exactly the same way and measure what users get.
 *
 * Measured with the bench's memory section (peak resident set, VmHWM, on a 1 MB document
 * after 1,000 edits; medians of three runs, load 1.7-3.0) and the server's keystroke
 * latency on the sample and on that document (medians of three alternating runs), both
 * with the server as of 2026-11-29:
 *
 * | launch                                     | sample open | 1 MB, 1,000 edits | keystroke sample / 1 MB |
 * |--------------------------------------------|------------:|------------------:|------------------------:|
 * | semi-space 4 MB                            |      106 MB |            194 MB |           4.9 / 89 ms   |
 * | + MALLOC_ARENA_MAX=1                       |       97 MB |            188 MB |           4.4 / 68 ms   |
 * | + MALLOC_ARENA_MAX=1, semi-space 2 MB      |       92 MB |            162 MB |           3.7 / 66 ms   |
 * | same, heap growing 50% (not used)          |       90 MB |            157 MB |           4.4 / 79 ms   |
 */

/**
 * A 2 MB semi-space instead of V8's 16 MB: the young generation stays resident at its
 * largest (twice the semi-space), and survivors of one keystroke's analysis are promoted to
 * the old generation whatever its size, since each analysis of a 1 MB document allocates
 * far more than either. It limits only the young generation, never the heap, so no
 * document is too large to open.
 *
 * `--optimize-for-size`: V8's mode for memory-constrained embedders (smaller heap growth
 * between collections, leaner compiled code), for a process that idles in the editor's
 * background. Measured once every cause of garbage we found was fixed (README,
 * Performance), 2026-11-29, load 0.9-1.9, 5 servers each:
 *
 * | launch                     | sample open | 1 MB, 1,000 edits (range) | keystroke sample / 1 MB |
 * |----------------------------|------------:|--------------------------:|------------------------:|
 * | semi-space 2 MB            |     78.7 MB |     148.3-149.6 (146-157) |       2.7 / 32-38 ms    |
 * | + --optimize-for-size      |     73.7 MB |           138.6 (136-141) |       2.9 / 41 ms       |
 *
 * The keystroke budgets are 20 and 100 ms; 10 MB of headroom under the 150 MB one is worth
 * the few milliseconds. The CLI runs without it: there throughput is what counts.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2', '--optimize-for-size'];

/**
 * One malloc arena: glibc gives each thread that allocates its own arena, and V8's
 * compiler and GC threads each kept several MB resident that the main thread could not
 * reuse (9 MB with the sample open, 6-25 MB at the 1 MB peak). The threads allocate
 * little, so sharing one arena did not slow keystrokes (table above).
 *
 * A fixed mmap threshold of 128 KB: glibc raises the threshold to the size of each large
 * block freed, so after the first few the serializer's message buffers and the compiler's
 * zones came from the arena and stayed resident once freed. At a fixed threshold every
 * block that large is mapped and unmapped. Peak after 1,000 edits on the 1 MB document, 5
 * servers each: 150.0 and 150.2 MB before, 148.0 and 148.4 MB after (load 1.3-1.8); the
 * 1 MB keystroke stayed at 35 ms.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1', MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * The messages between VS Code and the server are passed with V8's serializer, not as JSON
 * text (node's fork option `serialization: 'advanced'`, which vscode-languageclient passes
 * on to `fork`). Every publish of the 1 MB bench document's ~2,900 diagnostics was a 2.6 MB
 * string of JSON on the server's heap (two-byte: the messages quote with “ ”), promoted to
 * the old generation and dropped at the next keystroke; serialized, the message goes to a
 * buffer outside the heap. Peak after 1,000 edits, 5 servers each, load 1.2-1.9: 160.7 and
 * 159.1 MB with JSON, 150.6 and 151.6 MB (range 150-156) serialized.
 */
export const SERVER_FORK_OPTIONS = { serialization: 'advanced' } as const;
