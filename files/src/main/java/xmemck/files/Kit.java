package xmemck.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The kit as every file names it: {@code "kit": {"version": "0.1.0"}}.
 *
 * @param version the kit's version, stamped into {@code kit.properties} by the build
 */
public record Kit(String version) {

    /** This kit. */
    public static Kit current() {
        return CURRENT;
    }

    private static final Kit CURRENT = new Kit(readVersion());

    private static String readVersion() {
        try (InputStream in = Kit.class.getResourceAsStream("kit.properties")) {
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
        String v = Kit.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
