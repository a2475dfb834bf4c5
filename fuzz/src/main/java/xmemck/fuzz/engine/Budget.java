package xmemck.fuzz.engine;

import java.time.Duration;

/**
 * A limit on work: at most {@code calls} property checks and at most {@code time} of wall-clock
 * time.
 */
public record Budget(long calls, Duration time) {
    public Budget {
        if (calls < 0)
            throw new IllegalArgumentException("a budget's calls must be >= 0, got " + calls);
        if (time == null || time.isNegative())
            throw new IllegalArgumentException("a budget's time must be >= 0, got " + time);
    }

    public static Budget calls(long calls) {
        return new Budget(calls, Duration.ofDays(365));
    }

    public static Budget time(Duration time) {
        return new Budget(Long.MAX_VALUE, time);
    }

    /** Starts counting now. */
    public Meter start() {
        return new Meter(this, System.nanoTime());
    }

    /** A running budget. */
    public static final class Meter {
        private final Budget budget;
        private long deadline;
        private long used;

        private Meter(Budget budget, long startNanos) {
            this.budget = budget;
            long nanos;
            try {
                nanos = budget.time.toNanos();
            } catch (ArithmeticException e) {
                nanos = Long.MAX_VALUE / 2;
            }
            this.deadline = startNanos + Math.min(nanos, Long.MAX_VALUE / 2);
        }

        /**
         * Counts one call; false when the budget was already used up (the call should not be made).
         */
        public boolean take() {
            if (exhausted()) return false;
            used++;
            return true;
        }

        /**
         * Moves the deadline {@code nanos} later: time spent on other work (shrinking) does not
         * count.
         */
        public void extend(long nanos) {
            deadline += Math.max(0, nanos);
        }

        public boolean exhausted() {
            return used >= budget.calls || System.nanoTime() - deadline >= 0;
        }

        /** How many more calls the budget allows, time aside. */
        public long callsLeft() {
            return Math.max(0, budget.calls - used);
        }

        public long used() {
            return used;
        }
    }
}
