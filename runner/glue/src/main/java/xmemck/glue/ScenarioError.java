package xmemck.glue;

/**
 * An ERROR verdict: the implementation crashed, hung or broke the protocol, the scenario is
 * ill-formed, or the kit itself is inconsistent (a feature and the oracle disagree). Never a FAIL:
 * a FAIL is an {@link AssertionError}.
 */
public final class ScenarioError extends RuntimeException {
    public ScenarioError(String message) {
        super(message);
    }
}
