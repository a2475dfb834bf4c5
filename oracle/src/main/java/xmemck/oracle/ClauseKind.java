package xmemck.oracle;

/** What sort of statement a clause is. */
public enum ClauseKind { RETURN_VALUE, ERROR_CONDITION, ENVIRONMENT, CALLER_OBLIGATION, INVARIANT }
