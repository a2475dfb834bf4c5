package xmemck.glue;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every scenario under the top-level features/ folder through Cucumber's JUnit Platform engine, against the
 * adapter named by the system property {@code xmemck.adapter} (see junit-platform.properties and the pom).
 */
@Suite
@IncludeEngines("cucumber")
public class FeatureSuiteTest {
}
