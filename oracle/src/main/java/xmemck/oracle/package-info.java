/**
 * The reference oracle: the manual pages in {@code ../shared/seeds/}, executable.
 *
 * <p>For a world (built by {@link xmemck.ops.Setup} ops) and a {@link xmemck.ops.Call}, {@link Oracle}
 * answers with an {@link Expectation}: either the set of allowed outcomes (return values and byte-level
 * memory effects, each carrying the ids of the clauses that justify it, plus the implementation-defined
 * questions the call raises), or {@link Expectation.OutsideContract} when the call breaks a caller
 * obligation. {@link Judge} decides whether what an implementation did lies in that set. Every clause is
 * listed in {@link Catalogue} and decided in one place that names its id.
 */
package xmemck.oracle;
