/**
 * The {@code ck} command line ({@link xmemck.cli.Ck}); {@code ck run} runs the features against an adapter with
 * the same plugins as the Maven run and exits 0 only when no scenario ended in FAIL or ERROR.
 */
package xmemck.cli;
