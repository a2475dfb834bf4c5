package xmemck.spi;

/**
 * Scenarios sent ahead with {@link Sut#sendAhead}, answered or not yet: a handle on what the
 * implementation will say about them, scenario by scenario, so that the first can be judged while
 * the implementation still works on the others.
 */
public interface SentAhead {
    /**
     * What became of scenario {@code index} (from 0, in the order sent); waits for its answers if
     * they have not arrived, having read those of the scenarios before it. Never throws for what
     * the implementation does: a failure is the {@link ScenarioAnswers.Failed} of the scenario it
     * happened in.
     */
    ScenarioAnswers answer(int index);

    /** How many scenarios were sent. */
    int size();

    /** A handle whose scenarios all stand as not run, for {@code why}. */
    static SentAhead notRun(int scenarios, String why) {
        ScenarioAnswers notRun = new ScenarioAnswers.NotRun(why);
        return new SentAhead() {
            @Override
            public ScenarioAnswers answer(int index) {
                java.util.Objects.checkIndex(index, scenarios);
                return notRun;
            }

            @Override
            public int size() {
                return scenarios;
            }
        };
    }
}
