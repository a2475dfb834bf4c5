package xmemck.oracle;

import java.util.List;

/**
 * One allowed outcome: the call returns {@code returnValue} and has exactly {@code effects}. {@code
 * clauses} are the ids of the documented clauses that make it allowed.
 */
public record Alternative(
        long returnValue, List<Effect> effects, List<String> clauses, String description) {
    public Alternative {
        effects = List.copyOf(effects);
        clauses = List.copyOf(clauses);
    }
}
