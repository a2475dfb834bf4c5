package xmemck.fuzz.engine;

import java.util.function.Function;

/**
 * A generator: a value made from draws on a {@link Choices}. It must draw nothing but from {@code
 * choices} (no clocks, no other randomness), so that the same draws always give the same value.
 */
@FunctionalInterface
public interface Gen<T> {

    T draw(Choices choices);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return c -> f.apply(draw(c));
    }

    /**
     * A generator whose shape depends on a drawn value; the whole of it is one span, so it shrinks
     * as a unit too.
     */
    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
        return c -> {
            int start = c.startSpan();
            R r = f.apply(draw(c)).draw(c);
            c.endSpan(start);
            return r;
        };
    }
}
