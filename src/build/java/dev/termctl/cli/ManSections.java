package dev.termctl.cli;

import dev.termctl.core.Term;

/**
 * The sections of termctl.1 that are about files, the environment and caveats rather than the
 * commands, written here in roff: no model describes them. DocsIT checks what FILES must say.
 */
final class ManSections {
    private ManSections() {
    }

    /**
     * FILE and what termctl keeps beside it, then the launcher's startup archives: where
     * scripts/termctl keeps them, as root (the installation's directory alone, never a home) and as
     * a user.
     */
    static final String FILES = """
            .SH FILES
            .TP
            .I FILE
            The term file: one UTF\\-8 JSON object whose
            .B term
            member is an integer literal from 0 to {u64}, at most 64 KiB. Other members are kept.
            termctl records each write in the members
            .BR updated_at ", " updated_by ", " reason " and " updated_with ;
            RedDB ignores them. A file with a
            .B voted_for
            member is a durable last\\-vote record: termctl reads it but never writes it.
            .TP
            .IB FILE .lock
            The lock file. Writers take an exclusive POSIX lock on it, re\\-read the term, decide, and only then write.
            It stays after a write and holds the last holder's pid. Created with
            .IR FILE 's
            owner and group, mode 0600 (plus the group's access when the group may write
            .IR FILE ).
            .TP
            .IB FILE .journal
            The journal: one JSON line per write (time, user, effective user, host, file, command, term before and
            after, reason), appended and fsynced under the lock before
            .I FILE
            is replaced, so a crash leaves an entry marked not completed. Created with
            .IR FILE 's
            owner and group, mode 0600 plus the group's access to
            .IR FILE .
            .BI \\-\\-journal " PATH"
            (or
            .BR TERMCTL_JOURNAL )
            puts it elsewhere,
            .B \\-\\-no\\-journal
            skips it;
            .B termctl history
            prints it.
            .TP
            .IB FILE .corrupt\\- TIME
            A byte\\-exact copy of a damaged term file, which
            .B termctl repair
            keeps before replacing
            .I FILE
            (TIME in UTC, such as 20261126T051000Z, with
            .BI \\- N
            added rather than write over another file), with
            .IR FILE 's
            owner and mode. termctl never removes it.
            .TP
            .IB .FILE .termctl\\- PID \\- TIME .tmp
            A write's temp file, in the same directory (PID the writer's process id, TIME a reading of its
            nanosecond clock; a name too long to leave room for them uses
            .BI .termctl\\- CRC \\- PID \\- TIME .tmp
            instead): created exclusively, fsynced, renamed atomically over
            .IR FILE ,
            then the directory is fsynced. Removed on error; one left by a killed termctl is removed by the next writer.
            .TP
            .I /var/cache/termctl
            The Debian package's startup archives: class\\-data archives (JDK 17 to 24) or AOT caches (JDK 25 and
            later) of termctl's classes, one per JDK, named after the JDK and the jar, root\\-owned. The package
            makes one at install time and deletes the directory on remove and purge. Run as root, termctl uses an
            archive only from its installation's own directory: this one for the package, else
            .I archive/
            beside the jar
            .RI ( PREFIX /lib/termctl/archive
            for scripts/install.sh,
            .I lib/archive
            in the release tarball,
            .I target/archive
            in a clone), which root makes on first use when only root can write where it goes, and never from
            a home directory or
            .BR XDG_CACHE_HOME ;
            where it cannot use one safely, it runs without. An archive older than the jar or the JDK is remade on
            the next run that may write there.
            .TP
            .I ${XDG_CACHE_HOME:\\-~/.cache}/termctl
            Run as a user (never as root), the user's own startup archives, made on the first run of each JDK and
            jar, private to the user: used when the installation's archive is missing, stale, or could be changed
            by an account other than the user or root. Safe to delete;
            .B TERMCTL_CDS=off
            runs without any archive.
            """.replace("{u64}", Term.MAX_TEXT);

    static final String ENVIRONMENT = """
            .SH ENVIRONMENT
            .TP
            .B TERMCTL_FILE
            The term file, when
            .B \\-f
            is not given.
            .TP
            .B TERMCTL_JOURNAL
            The journal of writes, when
            .B \\-\\-journal
            is not given.
            .TP
            .B JAVA_HOME
            The Java runtime the launcher uses (17 or newer); otherwise
            .B java
            on
            .BR PATH .
            .TP
            .B TERMCTL_JAVA_OPTS
            Extra JVM options for the launcher.
            .TP
            .B TERMCTL_CDS
            .B off
            runs without the class\\-data archive.
            .TP
            .B TERMCTL_BASH_BUILTINS
            .B off
            makes the launcher read files through the
            .BR stat " and " readlink
            programs rather than bash's loadable builtins: slower, the same checks.
            .TP
            .B NO_COLOR
            Turns off colour in help output (so does an output that is not a terminal).
            """;

    static final String NOTES = """
            .SH NOTES
            JSON tools that read numbers as doubles lose precision above 2^53: jq 1.6 prints the largest term as
            18446744073709552000. In scripts, use
            .B termctl show \\-\\-term\\-only
            or the exit status; to read the JSON exactly, use a parser with big integers, such as Python's
            .BR json .
            .PP
            The lock coordinates termctl invocations only; RedDB does not take it. Do not run a writing command
            against the term file of a running node.
            """;
}
