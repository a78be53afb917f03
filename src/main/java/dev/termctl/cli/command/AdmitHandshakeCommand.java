package dev.termctl.cli.command;

import dev.termctl.core.Boundary;
import picocli.CommandLine.Command;

@Command(name = "admit-handshake",
        description = "Admit or fence a replication stream handshake declaring TERM (the handshake boundary). "
                + "A newer TERM is adopted: written durably to the file before the stream is admitted.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl admit-handshake -f term.json 8  # 10: newer primary, term 8 adopted",
                  "  termctl admit-handshake --json -f term.json 6"})
public final class AdmitHandshakeCommand extends FenceCommand {
    @Override
    Boundary boundary() {
        return Boundary.HANDSHAKE;
    }
}
