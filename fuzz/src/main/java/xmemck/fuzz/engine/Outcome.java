package xmemck.fuzz.engine;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a property said about one case. */
public sealed interface Outcome {

    /** The case holds. */
    record Pass() implements Outcome {}

    /**
     * The case breaks the property. {@code signature} names the failure's kind (for the kit:
     * verdict and clause); shrinking keeps only candidates that answer to the signature it started
     * from, so it never slips to a different bug. {@code detail} is the readable account. {@code
     * alsoAnswersTo} are the signatures of the other things found wrong in the same case (for the
     * kit: the step's other findings): a candidate whose main signature differs still shows the
     * original failure when that one is among them. (A vm_mvc that crosses its page boundary names
     * the boundary clause first, but as a ZERO it also writes past the file page, and the invariant
     * comes first.)
     */
    record Fail(String signature, String detail, Set<String> alsoAnswersTo) implements Outcome {
        public Fail {
            if (signature == null || signature.isBlank())
                throw new IllegalArgumentException("a failure needs a signature");
            detail = detail == null ? "" : detail;
            // In the order given (a kit's findings' order), so that whatever lists them is the same
            // from run to run.
            alsoAnswersTo =
                    alsoAnswersTo == null
                            ? Set.of()
                            : Collections.unmodifiableSet(new LinkedHashSet<>(alsoAnswersTo));
        }

        public Fail(String signature, String detail) {
            this(signature, detail, Set.of());
        }

        /** Whether this failure shows the failure named {@code wanted}. */
        public boolean answersTo(String wanted) {
            return signature.equals(wanted) || alsoAnswersTo.contains(wanted);
        }
    }

    /**
     * The case shows a failure the caller listed as known (for the kit: a FAIL whose first broken
     * clause an expectations file lists): not a failure of the property, so it never fails a
     * search, never stops it and is never the failure a shrink keeps to; the search counts it apart
     * ({@link Search.Report#known}). {@code signature} names its kind as a {@link Fail}'s would.
     */
    record Known(String signature, String detail) implements Outcome {
        public Known {
            if (signature == null || signature.isBlank())
                throw new IllegalArgumentException("a known failure needs a signature");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * The case is not a test of the property (ill-formed, or its preconditions do not hold); never
     * counted as a failure.
     */
    record Invalid(String reason) implements Outcome {}

    Pass PASS = new Pass();

    default boolean failed() {
        return this instanceof Fail;
    }
}
