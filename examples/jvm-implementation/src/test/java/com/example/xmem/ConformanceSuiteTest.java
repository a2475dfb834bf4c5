package com.example.xmem;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The kit's conformance suite against this project's adapter (the pom sets {@code xmemck.adapter=jvm-example}): the
 * features come from the {@code xmemck-features} jar, the steps from {@code xmemck-glue}, Cucumber's other settings
 * from {@code junit-platform.properties}. A FAIL or ERROR fails the build; UNSUPPORTED and OUTSIDE-CONTRACT scenarios
 * are reported skipped, with their reason.
 *
 * <p>The features are selected as packages of the class path (the folder {@code features/copyout} of the jar is the
 * package {@code features.copyout}): the copyout features and the invariants, which call every service. Every xmemout,
 * xmattach and vm_mvc scenario would be UNSUPPORTED, as this implementation declares those services missing; select
 * {@code "features"} to run them all.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages({"features.copyout", "features.invariants"})
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "xmemck.glue")
public class ConformanceSuiteTest {
}
