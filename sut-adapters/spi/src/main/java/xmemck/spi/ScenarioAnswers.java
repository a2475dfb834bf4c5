package xmemck.spi;

import java.util.List;
import xmemck.ops.Result;

/**
 * What became of one scenario sent ahead ({@link Sut#sendAhead}): its answers, the failure that
 * stopped it, or nothing, because it never ran.
 */
public sealed interface ScenarioAnswers {

    /**
     * Every operation answered, one result each, in order; {@code atEnd} is a failure found when
     * the scenario was over (an answer nobody asked for before the {@code ready} of the reset that
     * ends it), as {@link Sut#endScenario} would have thrown it, or null.
     */
    record Answered(List<Result> results, SutFailure atEnd) implements ScenarioAnswers {
        public Answered {
            results = List.copyOf(results);
        }
    }

    /**
     * The implementation failed on the scenario (crashed, hung, broke the protocol); the scenarios
     * sent after it in the same batch did not run.
     */
    record Failed(SutFailure failure) implements ScenarioAnswers {}

    /**
     * The scenario did not run: the adapter does not take scenarios ahead, or an earlier one
     * stopped the implementation. Nothing is known of it; the caller runs it the ordinary way.
     */
    record NotRun(String why) implements ScenarioAnswers {}
}
