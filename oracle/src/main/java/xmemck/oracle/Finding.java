package xmemck.oracle;

/** One way an observed outcome departs from the allowed set, naming the clause it breaks and saying how, readably. */
public record Finding(String clause, String message) {
    @Override public String toString() { return clause + ": " + message; }
}
