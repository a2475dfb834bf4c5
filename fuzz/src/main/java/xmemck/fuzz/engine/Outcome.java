package xmemck.fuzz.engine;

/** What a property said about one case. */
public sealed interface Outcome {

    /** The case holds. */
    record Pass() implements Outcome {}

    /**
     * The case breaks the property. {@code signature} names the failure's kind (for the kit: verdict and clause);
     * shrinking keeps only candidates with the same signature, so it never slips to a different bug.
     * {@code detail} is the readable account.
     */
    record Fail(String signature, String detail) implements Outcome {
        public Fail {
            if (signature == null || signature.isBlank()) throw new IllegalArgumentException("a failure needs a signature");
            detail = detail == null ? "" : detail;
        }
    }

    /** The case is not a test of the property (ill-formed, or its preconditions do not hold); never counted as a failure. */
    record Invalid(String reason) implements Outcome {}

    Pass PASS = new Pass();

    default boolean failed() { return this instanceof Fail; }
}
