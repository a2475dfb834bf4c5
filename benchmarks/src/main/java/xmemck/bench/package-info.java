/**
 * JMH benchmarks. Performance targets are checked here and by the kit's own throughput figures,
 * never by timed assertions in tests. Run with {@code ./ck bench} (see the README for the figures
 * and how to reproduce them).
 */
package xmemck.bench;
