package xmemck.oracle;

/** What sort of statement a clause is. */
public enum ClauseKind {
    /** A documented return value and its effect. */
    RETURN_VALUE,
    /** A documented error condition. */
    ERROR_CONDITION,
    /** Where the service may be called from, and what that changes. */
    ENVIRONMENT,
    /** What the caller must ensure; when it does not, nothing is promised (OUTSIDE-CONTRACT). */
    CALLER_OBLIGATION,
    /** A rule that holds on every call. */
    INVARIANT,
    /**
     * The pages are silent: every reading is allowed, and the one an implementation takes is
     * recorded, not judged.
     */
    IMPLEMENTATION_DEFINED
}
