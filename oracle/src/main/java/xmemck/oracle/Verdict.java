package xmemck.oracle;

/**
 * The kit's verdicts, ordered from best to worst for aggregation: a clause's verdict is the worst
 * of its scenarios' (FAIL and ERROR over UNSUPPORTED over OUTSIDE_CONTRACT over PASS).
 */
public enum Verdict {
    /** The implementation did something the documentation allows. */
    PASS,
    /** The call broke a caller obligation: nothing is promised, nothing is judged. */
    OUTSIDE_CONTRACT,
    /** The adapter cannot create the condition; never counted as passed. */
    UNSUPPORTED,
    /** The implementation did something the documentation does not allow. */
    FAIL,
    /**
     * The implementation crashed, hung or broke the protocol, or the kit could not run the
     * scenario.
     */
    ERROR;

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The spelling used in reports and summary.json. */
    public String label() {
        return this == OUTSIDE_CONTRACT ? "OUTSIDE-CONTRACT" : name();
    }
}
