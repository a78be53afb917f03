package dev.termctl.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokerTest {

    @TempDir
    Path dir;

    @Test
    void only_a_root_process_believes_sudo_user_and_only_with_the_accounts_uid() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        assertEquals(new Invoker("alice", "root"), Invoker.of("root", "alice", "1000", 0, passwd));
        // Not root: anyone can set SUDO_USER in their own environment.
        assertEquals(new Invoker("bob", "bob"), Invoker.of("bob", "alice", "1000", 1001, passwd));
        assertEquals(new Invoker("root", "root"), Invoker.of("root", "alice", "1000", -1, passwd));
        // Root, but not sudo's word: another uid, no uid, an implausible name.
        assertEquals(new Invoker("root", "root"), Invoker.of("root", "alice", "0", 0, passwd));
        assertEquals(new Invoker("root", "root"), Invoker.of("root", "alice", null, 0, passwd));
        assertEquals(new Invoker("root", "root"), Invoker.of("root", "al\u001bice", "1000", 0, passwd));
        assertEquals(new Invoker("root", "root"), Invoker.of("root", "alice@evil", "1000", 0, passwd));
        assertEquals(new Invoker("root", "root"), Invoker.of("root", null, null, 0, passwd));
        // An account /etc/passwd does not list (a directory service) is taken at sudo's word.
        assertEquals(new Invoker("carol", "root"), Invoker.of("root", "carol", "5000", 0, passwd));
    }
}
