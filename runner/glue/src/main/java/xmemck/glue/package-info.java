/**
 * The Cucumber glue: thin step definitions that turn the features' sentences into operations of the
 * operation language ({@link xmemck.ops}) and run them through a harness {@link
 * xmemck.harness.Session}.
 *
 * <p>All conversion of words to values is in {@link xmemck.glue.ParameterTypes}; steps are split by
 * area: {@link xmemck.glue.WorldSteps} build the world, {@link xmemck.glue.CallSteps} call the
 * services, {@link xmemck.glue.ClaimSteps} state documented outcomes. A claim is first checked
 * against the oracle's expectation ({@link xmemck.glue.ClaimCheck}: a feature and the oracle that
 * disagree are a kit ERROR), then the session's verdict is reported: FAIL as an AssertionError
 * naming the clause and the diff, ERROR as a {@link xmemck.glue.ScenarioError}, UNSUPPORTED and
 * OUTSIDE-CONTRACT as skipped. {@link xmemck.glue.Hooks} attaches every scenario's result to the
 * scenario ({@link xmemck.glue.ResultAttachments}), where report plugins and Cucumber's message
 * stream find it, and checks that the oracle named every clause the scenario is tagged with.
 * Cucumber's picocontainer object factory gives each scenario one {@link xmemck.glue.ScenarioRun}.
 * The implementation under test is chosen by the run's properties ({@link xmemck.glue.AdapterPool},
 * {@link xmemck.glue.RunScope}: the system properties in the Maven build, each run's own in {@code
 * ck run}, whose adapters run at the same time).
 */
package xmemck.glue;
