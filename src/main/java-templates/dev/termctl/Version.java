package dev.termctl;

/** termctl's version, filled in by the build: a constant, so reading it costs no jar access at startup. */
public final class Version {
    public static final String VERSION = "${project.version}";

    private Version() {
    }
}
