package xmemck.oracle;

/**
 * The implementation-defined questions calls raise (the documents are silent; any allowed answer conforms).
 * The id's suffix says how the judge answers it: {@code .failure-prefix} with the number of bytes written
 * before the failure, every other question with the value the call returned.
 */
final class Questions {
    private Questions() {}

    static final String FAILURE_PREFIX = ".failure-prefix";

    static Question failurePrefix(String service) {
        return new Question(service + FAILURE_PREFIX, "How many bytes of the new data does a failed " + service + " leave in the destination?");
    }

    static Question countNonPositive(String service, long count) {
        return new Question(service + ".count-nonpositive", "What does " + service + " return for count " + count + " (the documents do not say)?");
    }

    static Question overSegment(String service, long count) {
        return new Question(service + ".count-over-segment", "Does " + service + " move " + count + " bytes, more than one 256 MiB AIX segment?");
    }

    static Question precedence(String service, String errors) {
        return new Question(service + ".precedence", "Which error does " + service + " return when " + errors + " all hold?");
    }
}
