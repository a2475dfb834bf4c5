package xmemck.cli;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every scenario of the top-level features/ folder (relative to this module, where Failsafe
 * runs) through Cucumber's JUnit Platform engine, against the adapter named by the system property
 * {@code xmemck.adapter}; glue and plugins are configured in junit-platform.properties, the adapter
 * and report folder in the pom.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("../../features")
public class FeatureSuiteIT {}
