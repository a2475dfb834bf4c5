/**
 * The reference oracle: the manual pages of AIX xmemout (with xmattach and xmdetach), AIX vm_mvc
 * and Solaris copyout(9F) (with ddi_copyout(9F)), executable. {@link Catalogue} lists every clause
 * with the sections of the pages it comes from and their public addresses.
 *
 * <p>For a world (built by {@link xmemck.ops.Setup} ops) and a {@link xmemck.ops.Call}, {@link
 * Oracle} answers with an {@link Expectation}: either the set of allowed outcomes (return values
 * and byte-level memory effects, each carrying the ids of the clauses that justify it, plus the
 * implementation-defined questions the call raises), or {@link Expectation.OutsideContract} when
 * the call breaks a caller obligation. {@link Judge} decides whether what an implementation did
 * lies in that set. Every clause is listed in {@link Catalogue} and decided in one place that names
 * its id.
 */
package xmemck.oracle;
