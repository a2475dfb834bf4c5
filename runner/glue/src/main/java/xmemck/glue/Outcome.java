package xmemck.glue;

import xmemck.oracle.Verdict;

/** A scenario's verdict and, unless it passed, why. */
public record Outcome(Verdict verdict, String reason) {
    public Outcome {
        if (verdict == null) throw new IllegalArgumentException("an outcome needs a verdict");
        reason = reason == null ? "" : reason;
    }

    public static Outcome pass() {
        return new Outcome(Verdict.PASS, "");
    }
}
