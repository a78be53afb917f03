package dev.termctl.cli.command;

import dev.termctl.core.Boundary;
import picocli.CommandLine.Command;

@Command(name = "admit-record",
        description = "Admit or fence a replicated record stamped with TERM (the apply boundary). "
                + "A newer TERM is adopted: written durably to the file before the record is admitted.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl admit-record -f term.json 7     # 0: admitted at the live term",
                  "  termctl admit-record -f term.json 5     # 20: stale record, fenced"})
public final class AdmitRecordCommand extends FenceCommand {
    @Override
    Boundary boundary() {
        return Boundary.APPLY;
    }
}
