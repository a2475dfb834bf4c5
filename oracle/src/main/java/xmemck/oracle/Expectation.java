package xmemck.oracle;

import java.util.List;

/** The oracle's answer for one call. */
public sealed interface Expectation {

    /**
     * The call is within the contract: the implementation must produce one of {@code alternatives}.
     */
    record Allowed(List<Alternative> alternatives, List<Question> questions)
            implements Expectation {
        public Allowed {
            alternatives = List.copyOf(alternatives);
            questions = List.copyOf(questions);
            if (alternatives.isEmpty())
                throw new IllegalArgumentException("an allowed set needs at least one alternative");
        }
    }

    /**
     * The call breaks caller obligation {@code clause}: nothing is promised and nothing will be
     * judged.
     */
    record OutsideContract(String clause, String reason) implements Expectation {}
}
