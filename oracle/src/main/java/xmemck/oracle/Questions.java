package xmemck.oracle;

/**
 * The implementation-defined questions calls raise (the documents are silent; any allowed answer
 * conforms).
 */
final class Questions {
    private Questions() {}

    static Question failureEffect(String service) {
        return new Question(
                service + ".failure-effect",
                "What does a failed "
                        + service
                        + " leave in the destination (untouched, a prefix, a suffix, or another mix of old and new bytes)?",
                Question.AnsweredBy.FAILURE_EFFECT);
    }

    static Question countNonPositive(String service, long count) {
        return new Question(
                service + ".count-nonpositive",
                "What does "
                        + service
                        + " return for count "
                        + count
                        + " (the documents do not say)?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question countZero(String service) {
        return new Question(
                service + ".count-zero",
                "What does " + service + " return for a count of 0 (the documents do not say)?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question overSegment(String service, long count) {
        return new Question(
                service + ".count-over-segment",
                "Does " + service + " move " + count + " bytes, more than one 256 MiB AIX segment?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question precedence(String service, String errors) {
        return new Question(
                service + ".precedence",
                "Which error does " + service + " return when " + errors + " all hold?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question hardwareError(String service) {
        return new Question(
                service + ".hardware-error",
                "Does "
                        + service
                        + " fail when the destination has an uncorrectable hardware error (its page lists none)?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question attachedRange(String service) {
        return new Question(
                service + ".attached-range",
                "Does " + service + " move bytes outside the range the descriptor was attached to?",
                Question.AnsweredBy.RETURN_VALUE);
    }

    static Question protzeroProtection(String service) {
        return new Question(
                service + ".protzero-protection",
                "Which protection does VM_MVC_PROTZERO give the page (read-only or no access)?",
                Question.AnsweredBy.PROTECTION);
    }
}
