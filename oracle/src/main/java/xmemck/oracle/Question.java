package xmemck.oracle;

/**
 * An implementation-defined question a call raises (the documents are silent, so any of the allowed
 * answers conforms): for example "what does a failed xmemout leave in the destination" or "which
 * error wins when both ENOENT and EINVAL hold". The judge records the implementation's answer; it
 * is never judged. {@code answeredBy} says what the answer is made of.
 */
public record Question(String id, String text, AnsweredBy answeredBy) {

    /** What the judge looks at to answer a question. */
    public enum AnsweredBy {
        /** The value the call returned. */
        RETURN_VALUE,
        /**
         * The shape of what a failed copy left in its destination: untouched, a prefix, a suffix,
         * or another mix.
         */
        FAILURE_EFFECT,
        /** The protection a page was given. */
        PROTECTION
    }
}
