package dev.termctl.cli.command;

import dev.termctl.Version;
import picocli.CommandLine.IVersionProvider;

/** The version Maven built. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"termctl " + Version.VERSION};
    }
}
