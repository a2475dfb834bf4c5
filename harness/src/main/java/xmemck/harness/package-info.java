/**
 * The harness: runs operations against an implementation under test and the oracle side by side,
 * and turns what it sees into verdicts. It is the one place where verdicts are decided; the
 * Cucumber glue and the fuzzer only write operations down and read verdicts back.
 */
package xmemck.harness;
