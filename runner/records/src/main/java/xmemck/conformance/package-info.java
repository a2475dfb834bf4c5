/**
 * What running the kit against a third-party implementation over months needs beyond verdicts: the
 * implementation's expectations file of known failures that expire ({@link
 * xmemck.conformance.Expectations}, {@link xmemck.conformance.ExpectationCheck}), a declared
 * implementation profile and its drift ({@link xmemck.conformance.DeclaredProfile}, {@link
 * xmemck.conformance.ProfileDrift}), the results bundle a machine can check ({@link
 * xmemck.conformance.Bundle}, {@link xmemck.conformance.BundleCheck}), the partition of scenarios
 * and fuzz seeds into shards ({@link xmemck.features.Shard}, {@link
 * xmemck.features.SuiteScenarios}), and the oracle's answer in plain words ({@link
 * xmemck.cli.Explanation}).
 */
package xmemck.conformance;
