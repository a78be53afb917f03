package dev.termctl.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every attack of {@link LauncherSecurityIT} again, with the launcher reading files through the stat
 * and readlink programs (TERMCTL_BASH_BUILTINS=off), as on a host without bash's loadable builtins:
 * both ways of reading must refuse the same.
 */
class LauncherSecurityWithoutBuiltinsIT extends LauncherSecurityIT {
    @BeforeAll
    static void withoutBuiltins() {
        builtins = "off";
    }

    @AfterAll
    static void withBuiltins() {
        builtins = "on";
    }
}
