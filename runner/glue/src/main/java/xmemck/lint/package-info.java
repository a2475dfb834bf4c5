/**
 * The features' lint: one check per rule (every file parses, every scenario carries a known
 * {@code @clause:} tag, every catalogue clause has a scenario, every step matches exactly one step
 * definition, ...), each problem with its file and line. Run by the runner's tests, and by {@code
 * ck run} before it runs anything.
 */
package xmemck.lint;
