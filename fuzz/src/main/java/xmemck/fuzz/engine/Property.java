package xmemck.fuzz.engine;

/**
 * A property checked on generated values. It may throw: an exception counts as a failure whose
 * signature is the exception's class (see {@link Search}).
 */
@FunctionalInterface
public interface Property<T> {
    Outcome check(T value);

    /**
     * How many cases ahead the property wants to be told of ({@link #upcoming}); 0, the default:
     * none.
     */
    default int lookahead() {
        return 0;
    }

    /**
     * The next cases the search will check, in the order it will check them, told before the cases
     * told last time have all been checked, so that a property can start on them early (an
     * implementation behind a pipe works on them while the search judges the ones before). Only for
     * a property with a {@link #lookahead}; never while shrinking. The search may end before it
     * checks them all. An exception here is ignored: the cases are checked all the same.
     */
    default void upcoming(java.util.List<T> values) {}

    /** A property from a predicate: false is a failure with signature {@code signature}. */
    static <T> Property<T> of(String signature, java.util.function.Predicate<T> holds) {
        return v ->
                holds.test(v)
                        ? Outcome.PASS
                        : new Outcome.Fail(signature, "does not hold for " + v);
    }
}
