package xmemck.records;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The kit's version, stamped into kit.properties by the build (Maven resource filtering). */
public final class KitVersion {
    private KitVersion() {}

    public static String get() {
        try (InputStream in = KitVersion.class.getResourceAsStream("kit.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                // An unfiltered file still holds the placeholder; that is no version.
                if (!v.isBlank() && !v.startsWith("${")) return v;
            }
        } catch (IOException ignored) {
            // fall through to the manifest
        }
        String v = KitVersion.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
