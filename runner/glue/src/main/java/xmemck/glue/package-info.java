/**
 * The Cucumber glue: thin step definitions that turn the features' sentences into operations of the operation
 * language ({@link xmemck.ops}) and run them through a harness {@link xmemck.harness.Session}.
 *
 * <p>All conversion of words to values is in {@link xmemck.glue.ParameterTypes}; steps are split by area:
 * {@link xmemck.glue.WorldSteps} build the world, {@link xmemck.glue.CallSteps} call the services,
 * {@link xmemck.glue.ClaimSteps} state documented outcomes. A claim is first checked against the oracle's
 * expectation ({@link xmemck.glue.ClaimCheck}: a feature and the oracle that disagree are a kit ERROR), then the
 * session's verdict is reported: FAIL as an AssertionError naming the clause and the diff, ERROR as a
 * {@link xmemck.glue.ScenarioError}, UNSUPPORTED and OUTSIDE-CONTRACT as skipped. {@link xmemck.glue.Hooks} records
 * every scenario's result in {@link xmemck.harness.RunRecorder} for the reports, and checks that the oracle named
 * every clause the scenario is tagged with. The implementation under test is chosen by system properties
 * ({@link xmemck.glue.AdapterHolder}).
 */
package xmemck.glue;
