package xmemck.records;

import xmemck.files.Kit;

/** The kit's version, stamped into kit.properties by the build (see {@link Kit#current()}). */
public final class KitVersion {
    private KitVersion() {}

    public static String get() {
        return Kit.current().version();
    }
}
