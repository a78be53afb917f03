package dev.termctl.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How DataFile reads /proc/locks: the device numbers, and which lines are a running server's lock.
 * The encodings were checked on a real kernel (6.18) with util-linux flock and stat: st_dev 65024
 * (/dev/vda, 254:0) is "fe:00" in /proc/locks; a tmpfs of device 0:268, st_dev 1048588, is "00:10c".
 */
class DataFileTest {

    /** glibc's makedev(), the inverse of major() and minor(). */
    private static long makedev(long major, long minor) {
        return ((major & 0xfff) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xff) | ((minor & ~0xffL) << 12);
    }

    @Test
    void the_userspace_device_splits_as_glibc_splits_it() {
        // Seen on this project's machine: stat -c %d, and the device /proc/locks printed for the same file.
        assertEquals(0xfe, DataFile.major(65024));
        assertEquals(0x00, DataFile.minor(65024));
        assertEquals(0, DataFile.major(1048588));
        assertEquals(0x10c, DataFile.minor(1048588));
        assertEquals(0, DataFile.major(27));
        assertEquals(0x1b, DataFile.minor(27));
        // Large numbers both ways: 12-bit and 20-bit kernel limits, and glibc's 32-bit ones.
        long[][] pairs = {{8, 1}, {259, 70000}, {0xfff, 0xfffff}, {0x12345, 0x6789a}, {0xffffffffL, 0xffffffffL}};
        for (long[] p : pairs) {
            long dev = makedev(p[0], p[1]);
            assertEquals(p[0], DataFile.major(dev), () -> Long.toHexString(dev));
            assertEquals(p[1], DataFile.minor(dev), () -> Long.toHexString(dev));
        }
    }

    private static DataFile.Scan scan(long major, long minor, long ino, String locks) throws Exception {
        DataFile.Scan s = new DataFile.Scan(major, minor, ino);
        s.read(new ByteArrayInputStream(locks.getBytes(StandardCharsets.US_ASCII)));
        return s;
    }

    @Test
    void only_an_exclusive_flock_held_on_the_files_device_and_inode_is_a_running_server() throws Exception {
        String locks = "1: POSIX  ADVISORY  WRITE 900 08:01:5678 0 EOF\n"
                + "2: FLOCK  ADVISORY  READ  901 08:01:5678 0 EOF\n"
                + "3: OFDLCK ADVISORY  WRITE -1 08:01:5678 0 EOF\n"
                + "4: FLOCK  ADVISORY  WRITE 902 08:02:5678 0 EOF\n"
                + "5: FLOCK  ADVISORY  WRITE 903 08:01:56789 0 EOF\n"
                + "6: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF\n"
                + "6: -> FLOCK  ADVISORY  WRITE 905 08:01:5678 0 EOF\n";
        assertEquals(1234, scan(8, 1, 5678, locks).exact);
        // The waiter's line alone, and the others alone, are no server.
        assertEquals(DataFile.Scan.NONE, scan(8, 1, 5678, "6: -> FLOCK  ADVISORY  WRITE 905 08:01:5678 0 EOF\n").exact);
        assertEquals(DataFile.Scan.NONE, scan(8, 1, 5678, locks.replace("6: FLOCK  ADVISORY  WRITE 1234", "6: POSIX"
                + "  ADVISORY  WRITE 1234")).exact);
        // A nested waiter is indented before its arrow.
        assertEquals(DataFile.Scan.NONE, scan(8, 1, 5678, "7:  -> FLOCK  ADVISORY  WRITE 905 08:01:5678 0 EOF").exact);
    }

    @Test
    void minors_past_two_hex_digits_inodes_past_two_to_the_63_and_damaged_lines() throws Exception {
        assertEquals(25905, scan(0, 0x10c, 2, "3: FLOCK  ADVISORY  WRITE 25905 00:10c:2 0 EOF").exact);
        long bigInode = Long.parseUnsignedLong("18446744073709551000");
        assertEquals(7, scan(0x103, 0x45, bigInode, "1: FLOCK  ADVISORY  WRITE 7 103:45:18446744073709551000 0 EOF\n")
                .exact);
        String damaged = "1: FLOCK  ADVISORY  WRITE x 08:01:5678 0 EOF\n2: FLOCK\n3: FLOCK  ADVISORY  WRITE 9 08:01\n"
                + "4: FLOCK  ADVISORY  WRITE 9 zz:01:5678 0 EOF\n" + "x".repeat(10_000) + "\n\n";
        assertEquals(DataFile.Scan.NONE, scan(8, 1, 5678, damaged).exact);
        assertEquals(11, scan(8, 1, 5678, damaged + "5: FLOCK  ADVISORY  WRITE 11 08:01:5678 0 EOF").exact);
    }

    @Test
    void a_lock_on_the_same_inode_of_another_device_counts_only_for_the_files_own_filesystem() throws Exception {
        // btrfs: stat says 0:273 for a subvolume's file, /proc/locks the filesystem's 0:271 (seen on a real one).
        DataFile.Scan s = scan(0, 273, 257, "1: FLOCK  ADVISORY  WRITE 25253 00:10f:257 0 EOF\n"
                + "2: FLOCK  ADVISORY  WRITE 26000 fe:00:257 0 EOF\n");
        assertEquals(DataFile.Scan.NONE, s.exact);
        assertEquals(25253, s.other(0, 271));
        assertEquals(26000, s.other(0xfe, 0));
        assertEquals(DataFile.Scan.NONE, s.other(8, 1));
    }

    /** {@code count} POSIX locks of another account on its own files, as a flood fills the table: 45 bytes a line. */
    private static String flood(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i + 1).append(": POSIX  ADVISORY  WRITE 4242 08:01:").append(100_000 + i).append(" 0 0\n");
        }
        return b.toString();
    }

    private static LockTable.Read read(DataFile.Scan scan, String table, long maxBytes) throws Exception {
        return LockTable.read(new ByteArrayInputStream(table.getBytes(StandardCharsets.US_ASCII)), scan, maxBytes, 60_000);
    }

    @Test
    void past_its_budget_the_table_cannot_tell_and_a_lock_within_it_is_found_without_reading_on() throws Exception {
        String server = "9: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF\n";
        String flood = flood(1000);
        // Behind the flood and past the budget: not found, and the read says it did not see the end.
        DataFile.Scan behind = new DataFile.Scan(8, 1, 5678);
        LockTable.Read r = read(behind, flood + server, 4096);
        assertEquals(DataFile.Scan.NONE, behind.exact);
        assertEquals(LockTable.End.BYTES, r.end());
        assertEquals(false, r.told());
        assertEquals(4096, r.bytes());
        // Before the flood: found, and the read stops there.
        DataFile.Scan first = new DataFile.Scan(8, 1, 5678);
        r = read(first, server + flood, 4096);
        assertEquals(1234, first.exact);
        assertEquals(LockTable.End.FOUND, r.end());
        // A table that ends exactly at the budget, or before it, was read whole: no lock is "not running".
        DataFile.Scan none = new DataFile.Scan(8, 1, 5678);
        String small = flood(10);
        assertEquals(LockTable.End.WHOLE, read(none, small, small.length()).end());
        assertEquals(LockTable.End.WHOLE, read(none, small, 1 << 20).end());
        assertEquals(DataFile.Scan.NONE, none.exact);
        // Within the budget, behind the flood: found.
        DataFile.Scan within = new DataFile.Scan(8, 1, 5678);
        assertEquals(LockTable.End.FOUND, read(within, flood + server, 1 << 20).end());
        assertEquals(1234, within.exact);
    }

    @Test
    void a_line_longer_than_any_the_kernel_writes_is_skipped_whole_even_across_reads() throws Exception {
        String junk = "1: FLOCK  ADVISORY  WRITE 77 08:01:5678 " + "x".repeat(20_000) + "\n";
        DataFile.Scan s = new DataFile.Scan(8, 1, 5678);
        String server = "2: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF\n";
        assertEquals(LockTable.End.FOUND, read(s, junk + server, 1 << 20).end());
        assertEquals(1234, s.exact);
    }
}
