package xmemck.fuzz.engine;

/**
 * One case, generated and checked: the draws it consumed, its spans, the value and the property's
 * outcome. {@code choices} are the draws actually made, so replaying them gives back the same
 * value.
 */
public record Trial<T>(long[] choices, int[][] spans, T value, Outcome outcome) {

    /**
     * Generate a value from {@code choices} and check it. Never throws for what the generator or
     * property does.
     */
    public static <T> Trial<T> run(Gen<T> gen, Property<T> property, Choices choices) {
        return draw(gen, choices).check(property);
    }

    /**
     * A value generated from {@code choices}, not checked yet; {@code invalid} is why there is no
     * value (the draws ran out, the generator threw), else null.
     */
    public record Drawn<T>(long[] choices, int[][] spans, T value, Outcome.Invalid invalid) {
        /** The trial: this value checked, or the reason there is none. */
        public Trial<T> check(Property<T> property) {
            return new Trial<>(
                    choices,
                    spans,
                    value,
                    invalid != null ? invalid : Trial.check(property, value));
        }
    }

    /** Generate a value from {@code choices}. Never throws for what the generator does. */
    public static <T> Drawn<T> draw(Gen<T> gen, Choices choices) {
        T value;
        try {
            value = gen.draw(choices);
        } catch (Choices.Overrun e) {
            return new Drawn<>(
                    choices.recorded(), choices.spans(), null, new Outcome.Invalid(e.getMessage()));
        } catch (RuntimeException e) {
            // A generator must make something from any draws; one that throws is a defect, reported
            // as such.
            return new Drawn<>(
                    choices.recorded(),
                    choices.spans(),
                    null,
                    new Outcome.Invalid(GENERATOR_THREW + e));
        }
        return new Drawn<>(choices.recorded(), choices.spans(), value, null);
    }

    /** The prefix of an invalid outcome's reason when the generator itself threw. */
    public static final String GENERATOR_THREW = "generator threw ";

    /** Check one value; an exception is a failure whose signature is its class. */
    public static <T> Outcome check(Property<T> property, T value) {
        try {
            Outcome o = property.check(value);
            if (o == null) throw new IllegalStateException("the property answered null");
            return o;
        } catch (RuntimeException | AssertionError e) {
            return new Outcome.Fail("exception " + e.getClass().getName(), String.valueOf(e));
        }
    }

    public boolean failed() {
        return outcome instanceof Outcome.Fail;
    }

    /** The failure's signature, or null when the case did not fail. */
    public String signature() {
        return outcome instanceof Outcome.Fail f ? f.signature() : null;
    }
}
