/**
 * Differential fuzzing of an implementation against the oracle: {@link xmemck.fuzz.FuzzRun} (a run
 * as a Java API: options in, summary out; {@code ck fuzz} maps its command line onto it), the
 * property that runs a case through the harness ({@link xmemck.fuzz.SessionProperty}), the domain
 * simplification of failures ({@link xmemck.fuzz.OpSimplifier}), and the counterexample writers
 * ({@link xmemck.fuzz.GherkinWriter}, {@link xmemck.fuzz.CounterexampleFiles}); {@link
 * xmemck.fuzz.FuzzTests} hosts fuzzing as JUnit 5 dynamic tests.
 */
package xmemck.fuzz;
