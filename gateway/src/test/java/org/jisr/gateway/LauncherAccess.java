package org.jisr.gateway;

import java.io.PrintStream;
import java.util.Map;

/** Test access to the package-private launcher. */
public final class LauncherAccess {

    private LauncherAccess() {
    }

    public static int launch(Map<String, String> env, PrintStream err) {
        return JisrApplication.launch(env, new String[0], err);
    }
}
