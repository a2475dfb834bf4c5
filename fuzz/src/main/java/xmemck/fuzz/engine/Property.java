package xmemck.fuzz.engine;

/**
 * A property checked on generated values. It may throw: an exception counts as a failure whose
 * signature is the exception's class (see {@link Search}).
 */
@FunctionalInterface
public interface Property<T> {
    Outcome check(T value);

    /** A property from a predicate: false is a failure with signature {@code signature}. */
    static <T> Property<T> of(String signature, java.util.function.Predicate<T> holds) {
        return v ->
                holds.test(v)
                        ? Outcome.PASS
                        : new Outcome.Fail(signature, "does not hold for " + v);
    }
}
