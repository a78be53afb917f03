package dev.termctl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the jar's manifest. */
final class VersionProvider implements IVersionProvider {

    static String version() {
        String v = Termctl.class.getPackage().getImplementationVersion();
        return v == null ? "unknown (not run from the packaged jar)" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"termctl " + version()};
    }
}
